// The admin's "send the re-permission mail": queues the worker job (so a long list never holds up the
// request) and audits who asked for it; the job audits what it sent.
import { z } from "zod";
import { db } from "../db/index.ts";
import { audit, auditActorSchema, type AuditActor } from "../audit/log.ts";
import { enqueueJob } from "../worker/jobs.ts";
import { defineJob } from "../worker/registry.ts";
import { sendRepermissionMails } from "./send-repermission-mails.ts";

export const REPERMISSION_JOB = defineJob(
  "newsletter.repermission",
  z.object({ newsletterId: z.string(), actor: auditActorSchema }),
  async ({ newsletterId, actor }) => {
    await sendRepermissionMails({ newsletterId, actor });
  },
);

export async function queueRepermission({ newsletterId, actor }: { newsletterId: string; actor: AuditActor }): Promise<boolean> {
  const exists = await db.newsletter.findUnique({ where: { id: newsletterId }, select: { id: true } });
  if (!exists) return false;
  const job = await enqueueJob(REPERMISSION_JOB, { newsletterId, actor });
  await audit(db, actor, "newsletter.repermission.queued", newsletterId, { jobId: job.id });
  return true;
}
