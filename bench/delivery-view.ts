// Benchmark (not part of npm test): the delivery view of one send of 100,000 deliveries on SQLite (issue 14
// D6), through the real code (lib/sending/send-delivery-view.ts, newsletter-delivery-chart.ts): 94 % sent,
// 3 % refused with a handful of distinct SMTP replies, 3 % deferred; 2 % of the sent ones hard-bounced, 1 %
// soft-bounced, 0.1 % complained and 1 % unsubscribed afterwards. Prints the time of each view (best of 5).
//
//   npx tsx bench/delivery-view.ts [--deliveries=100000]
import Database from "better-sqlite3";
import { freshBenchDatabase, intArg } from "./support/bench-env.ts";

const N = intArg("deliveries", 100_000);
const { file } = await freshBenchDatabase("pmx-delivery-view-bench");
const sql = new Database(file);
sql.pragma("journal_mode = OFF");
sql.pragma("synchronous = OFF");
const ts = (d: Date) => d.toISOString().replace("Z", "+00:00");
const T0 = new Date("2026-11-02T09:00:00Z");
const later = new Date("2026-11-03T09:00:00Z");

sql.prepare(`INSERT INTO "Newsletter" (id, slug, name, language, fromName, fromEmail, categories, createdAt, updatedAt) VALUES ('benchnl', 'bench', 'Bench', 'nl', 'Org', 'news@org.example', '[]', ?, ?)`).run(ts(T0), ts(T0));
sql.prepare(`INSERT INTO "Issue" (id, newsletterId, subject, status, createdAt, updatedAt) VALUES ('benchissue', 'benchnl', 'Bench', 'sent', ?, ?)`).run(ts(T0), ts(T0));
sql.prepare(`INSERT INTO "Send" (id, issueId, status, total, createdAt, startedAt) VALUES ('benchsend', 'benchissue', 'done', ?, ?, ?)`).run(N, ts(T0), ts(T0));
const insSubscriber = sql.prepare(`INSERT INTO "Subscriber" (id, email, createdAt, updatedAt) VALUES (?, ?, ?, ?)`);
const insSubscription = sql.prepare(`INSERT INTO "Subscription" (id, subscriberId, newsletterId, status, method, givenAt, confirmedAt, unsubscribedAt, createdAt, updatedAt) VALUES (?, ?, 'benchnl', ?, 'double_opt_in', ?, ?, ?, ?, ?)`);
const insDelivery = sql.prepare(`INSERT INTO "Delivery" (id, sendId, issueId, subscriberId, subscriptionId, status, reason, smtpReply, sentAt, nextAttemptAt, createdAt, updatedAt) VALUES (?, 'benchsend', 'benchissue', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insInbound = sql.prepare(`INSERT INTO "InboundMessage" (id, receivedAt, source, kind, rawHash, deliveryId, subscriberId, action, summary) VALUES (?, ?, 'smtp', ?, ?, ?, ?, ?, '{}')`);
const REPLIES = ["550 5.1.1 <address>: Recipient address rejected: User unknown", "552 5.2.2 Mailbox full", "554 5.7.1 Message rejected as spam", "550 5.4.1 Recipient address rejected: Access denied"];
const t0 = performance.now();
sql.transaction(() => {
  for (let i = 0; i < N; i++) {
    const id = `b${i.toString().padStart(9, "0")}`;
    const r = i % 100;
    const status = r < 94 ? "sent" : r < 97 ? "failed" : "queued";
    const unsub = status === "sent" && i % 100 === 50;
    insSubscriber.run(`s${id}`, `p${i}@example.net`, ts(T0), ts(T0));
    insSubscription.run(`u${id}`, `s${id}`, unsub ? "unsubscribed" : "confirmed", ts(T0), ts(T0), unsub ? ts(later) : null, ts(T0), ts(T0));
    insDelivery.run(`d${id}`, `s${id}`, `u${id}`, status, status === "failed" ? "SMTP_REJECTED" : status === "queued" ? "SMTP_TEMPORARY" : null,
      status === "sent" ? "250 2.0.0 OK queued" : status === "failed" ? REPLIES[i % REPLIES.length] : "451 4.3.0 Try again later", status === "sent" ? ts(T0) : null, ts(T0), ts(T0), ts(T0));
    if (status === "sent" && i % 50 === 1) insInbound.run(`h${id}`, ts(later), "hard-bounce", `h${id}`, `d${id}`, `s${id}`, "INBOUND_HARD_BOUNCE");
    if (status === "sent" && i % 100 === 2) insInbound.run(`f${id}`, ts(later), "soft-bounce", `f${id}`, `d${id}`, `s${id}`, "INBOUND_SOFT_BOUNCE_COUNTED");
    if (status === "sent" && i % 1000 === 3) insInbound.run(`c${id}`, ts(later), "complaint", `c${id}`, `d${id}`, `s${id}`, "INBOUND_COMPLAINT");
  }
})();
sql.exec("ANALYZE");
sql.close();
console.log(`generated ${N} deliveries in ${Math.round(performance.now() - t0)} ms`);

const { sendDeliveryView } = await import("../lib/sending/send-delivery-view.ts");
const { newsletterDeliveryChart } = await import("../lib/sending/newsletter-delivery-chart.ts");
const best = async (f: () => Promise<unknown>) => {
  let min = Infinity;
  for (let i = 0; i < 5; i++) { const s = performance.now(); await f(); min = Math.min(min, performance.now() - s); }
  return Math.round(min);
};
const view = await sendDeliveryView("benchsend");
console.log(JSON.stringify(view!.counts));
console.log(`sendDeliveryView: ${await best(() => sendDeliveryView("benchsend"))} ms (best of 5)`);
console.log(`newsletterDeliveryChart: ${await best(() => newsletterDeliveryChart({ newsletterId: "benchnl", now: later }))} ms (best of 5)`);
process.exit(0);
