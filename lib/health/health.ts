// /api/health (kept for load balancers and monitors that poll it): readiness plus the mail server as this
// process last saw it. Degraded while a worker waits for the mail server (deliveries queued as
// SMTP_UNAVAILABLE, visible across processes through the database) or this process's last send found no
// server. No SMTP connection is opened here.
import { db } from "../db/index.ts";
import { mailerKind } from "../mail/transport.ts";
import { lastMailerStatus } from "../mail/mailer-status.ts";
import { checkReadiness } from "./check-readiness.ts";

export async function health() {
  const { ready, database, migrations } = await checkReadiness();
  const kind = mailerKind();
  let mailer: { ok: boolean; kind: string; checkedAt: string | null; workerWaiting?: boolean; error?: string } = { kind, ok: true, checkedAt: null };
  if (kind === "smtp") {
    const last = lastMailerStatus();
    mailer = { kind, ...last };
    if (database.ok) {
      if (await workerWaitsForMailServer().catch(() => false)) mailer = { ...mailer, ok: false, workerWaiting: true, error: mailer.error ?? "a worker is waiting for the mail server" };
    }
  }
  return { status: ready && mailer.ok ? "ok" : "degraded", database, migrations, mailer };
}

// One indexed lookup per running send (Delivery's sendId+status index), stopping at the first row.
async function workerWaitsForMailServer(): Promise<boolean> {
  const running = await db.send.findMany({ where: { status: "running" }, select: { id: true } });
  for (const { id } of running) {
    if (await db.delivery.findFirst({ where: { sendId: id, status: "queued", reason: "SMTP_UNAVAILABLE" }, select: { id: true } })) return true;
  }
  return false;
}
