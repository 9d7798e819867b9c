// Test helpers that send through the real pipeline (kept apart from testing.ts, whose fixtures the e2e
// specs import in Playwright's process, where the pipeline's modules cannot load).
import { db } from "../db/index.ts";
import { startSend } from "../sending/start-send.ts";
import { deliverBatch } from "../sending/deliver-batch.ts";
import { seedIssue } from "../sending/testing/fixtures.ts";
import type { SmtpSink } from "../testing/smtp-sink.ts";

const FAST = { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 8 };

/** A new issue of the newsletter, sent through the real pipeline (to the SMTP sink SMTP_URL points at). */
export async function sendIssue(newsletterId: string) {
  const issue = await seedIssue(newsletterId);
  const started = await startSend({ issueId: issue.id, actor: { id: null, email: "editor@fietsen.example" } });
  if (!started.ok) throw new Error("send did not start");
  for (let i = 0; i < 400; i++) {
    const worked = await deliverBatch({ workerId: "inbound-test", options: FAST });
    const send = await db.send.findUnique({ where: { id: started.sendId } });
    if (send?.status !== "running") break;
    if (!worked) await new Promise((r) => setTimeout(r, 30));
  }
  return issue;
}

/** The delivery of `issueId` to `email`, as the sink received it: its signed id and VERP sender. */
export async function received(sink: SmtpSink, issueId: string, email: string) {
  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
  const d = await db.delivery.findFirstOrThrow({ where: { issueId, subscriberId: subscriber.id } });
  const mail = await sink.waitFor((m) => m.envelopeTo.includes(email) && m.raw.includes(`<${d.id}@`));
  return { delivery: d, mail };
}
