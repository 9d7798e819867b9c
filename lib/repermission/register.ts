// Registers the re-permission mail job with the worker (imported once from lib/worker/handlers.ts).
import { registerJob } from "../worker/registry.ts";
import { REPERMISSION_JOB, sendRepermissionMails } from "./send-repermission-mails.ts";

registerJob(REPERMISSION_JOB, async (payload) => {
  const p = (payload ?? {}) as { newsletterId?: string; actor?: { id?: string | null; email: string } };
  if (typeof p.newsletterId !== "string") throw new Error("newsletter.repermission: payload without newsletterId");
  await sendRepermissionMails({ newsletterId: p.newsletterId, actor: p.actor?.email ? p.actor : "system" });
});
