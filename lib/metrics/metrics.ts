// Prometheus metrics for /metrics. The send and queue figures are read from the database at scrape time,
// not counted in memory: deliveries and jobs are worked by any number of worker processes (and the
// embedded one), and whichever web process is scraped must report all of them. The process's own default
// metrics (CPU, memory, event loop, GC) describe the scraped web process.
//
// Cost per scrape: Send and Job are small, indexed tables; deliveries are counted per send on the
// (sendId, status) index, and a finished send's counts, which no longer change, are remembered.
import { Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { db } from "../db/index.ts";

type Metrics = { registry: Registry; sends: Gauge; deliveries: Gauge; queueDeliveries: Gauge; queueJobs: Gauge; jobFailures: Gauge; doneSends: Map<string, Map<string, number>> };

function build(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    sends: gauge("proofmail_sends", "Sends by status (preparing, running, paused, done, cancelled...).", ["status"]),
    deliveries: gauge("proofmail_deliveries", "Deliveries by outcome (sent, failed, skipped; queued and sending while a send runs).", ["status"]),
    queueDeliveries: gauge("proofmail_queue_deliveries", "Deliveries of running or paused sends still to go: queued (waiting_for_mail_server: queued as SMTP_UNAVAILABLE) and sending (claimed by a worker).", ["state"]),
    queueJobs: gauge("proofmail_queue_jobs", "Background jobs not finished: due (queued, run time reached), scheduled (queued for later), running.", ["state"]),
    jobFailures: gauge("proofmail_job_failures", "Jobs that failed, by kind (rows still in the Job table).", ["kind"]),
    doneSends: new Map(),
  };
}

const KEY = Symbol.for("proofmail.metrics");
const g = globalThis as unknown as Record<symbol, Metrics | undefined>;
const metrics = () => (g[KEY] ??= build());

const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

async function deliveryCounts(m: Metrics, sends: { id: string; status: string }[]) {
  const totals = new Map<string, number>();
  const open = sends.filter((s) => s.status !== "done" || !m.doneSends.has(s.id)).map((s) => s.id);
  const bySend = new Map<string, Map<string, number>>();
  for (let i = 0; i < open.length; i += 500) {
    const rows = await db.delivery.groupBy({ by: ["sendId", "status"], where: { sendId: { in: open.slice(i, i + 500) } }, _count: { _all: true } });
    for (const r of rows) {
      if (!bySend.has(r.sendId)) bySend.set(r.sendId, new Map());
      bySend.get(r.sendId)!.set(r.status, r._count._all);
    }
  }
  for (const s of sends) {
    const counts = s.status === "done" ? (m.doneSends.get(s.id) ?? bySend.get(s.id)) : bySend.get(s.id);
    if (s.status === "done" && counts) m.doneSends.set(s.id, counts);
    for (const [status, n] of counts ?? []) add(totals, status, n);
  }
  return totals;
}

async function refreshFromDatabase(m: Metrics, now = new Date()) {
  const sends = await db.send.findMany({ select: { id: true, status: true } });
  const sendStatus = new Map<string, number>();
  for (const s of sends) add(sendStatus, s.status, 1);
  const deliveries = await deliveryCounts(m, sends);

  const live = sends.filter((s) => s.status === "running" || s.status === "paused").map((s) => s.id);
  const waiting = live.length ? await db.delivery.count({ where: { sendId: { in: live }, status: "queued", reason: "SMTP_UNAVAILABLE" } }) : 0;
  const liveCounts = live.length ? await db.delivery.groupBy({ by: ["status"], where: { sendId: { in: live }, status: { in: ["queued", "sending"] } }, _count: { _all: true } }) : [];
  const queued = liveCounts.find((r) => r.status === "queued")?._count._all ?? 0;
  const sending = liveCounts.find((r) => r.status === "sending")?._count._all ?? 0;

  const [due, scheduled, running, failed] = await Promise.all([
    db.job.count({ where: { status: "queued", runAt: { lte: now } } }),
    db.job.count({ where: { status: "queued", runAt: { gt: now } } }),
    db.job.count({ where: { status: "running" } }),
    db.job.groupBy({ by: ["kind"], where: { status: "failed" }, _count: { _all: true } }),
  ]);

  // Reset first: a status that no longer occurs must not keep its last value.
  m.sends.reset();
  for (const [status, n] of sendStatus) m.sends.set({ status }, n);
  m.deliveries.reset();
  for (const status of ["sent", "failed", "skipped"]) m.deliveries.set({ status }, deliveries.get(status) ?? 0);
  for (const [status, n] of deliveries) m.deliveries.set({ status }, n);
  m.queueDeliveries.reset();
  m.queueDeliveries.set({ state: "queued" }, queued - waiting);
  m.queueDeliveries.set({ state: "waiting_for_mail_server" }, waiting);
  m.queueDeliveries.set({ state: "sending" }, sending);
  m.queueJobs.reset();
  m.queueJobs.set({ state: "due" }, due);
  m.queueJobs.set({ state: "scheduled" }, scheduled);
  m.queueJobs.set({ state: "running" }, running);
  m.jobFailures.reset();
  for (const r of failed) m.jobFailures.set({ kind: r.kind }, r._count._all);
}

/** The Prometheus text exposition, with the database figures read now. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  await refreshFromDatabase(m);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
