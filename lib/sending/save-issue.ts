// Creating and editing issues. Input is checked with zod; an issue can be edited until its send starts.
import { z } from "zod";
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";

export const issueInputSchema = z.object({
  subject: z.string().trim().min(1, "Write a subject.").max(200, "Keep the subject under 200 characters."),
  preheader: z.string().trim().max(200, "Keep the preheader under 200 characters.").default(""),
  bodyMarkdown: z.string().max(200_000, "The text is too long (200,000 characters at most).").default(""),
});
export type IssueInput = z.infer<typeof issueInputSchema>;

type Result = { ok: true; issueId: string } | { ok: false; error: string; field?: string };

function firstError(e: z.ZodError): { error: string; field?: string } {
  const i = e.issues[0];
  return { error: i?.message ?? "Invalid input.", field: i?.path.join(".") };
}

export async function createIssue(opts: { newsletterId: unknown; subject: unknown; actor: AuditActor & { id?: string | null } }): Promise<Result> {
  const parsed = issueInputSchema.pick({ subject: true }).safeParse({ subject: opts.subject });
  if (!parsed.success) return { ok: false, ...firstError(parsed.error) };
  if (typeof opts.newsletterId !== "string" || !opts.newsletterId) return { ok: false, error: "Choose a newsletter.", field: "newsletterId" };
  const newsletter = await db.newsletter.findFirst({ where: { id: opts.newsletterId, archivedAt: null }, select: { id: true } });
  if (!newsletter) return { ok: false, error: "Choose a newsletter.", field: "newsletterId" };
  const issue = await db.$transaction(async (tx) => {
    const created = await tx.issue.create({
      data: { newsletterId: newsletter.id, subject: parsed.data.subject, createdById: typeof opts.actor === "object" ? (opts.actor.id ?? null) : null },
    });
    await audit(tx, opts.actor, "issue.create", created.id);
    return created;
  });
  return { ok: true, issueId: issue.id };
}

export async function updateIssue(opts: { issueId: string; input: unknown; actor: AuditActor }): Promise<Result> {
  const parsed = issueInputSchema.safeParse(opts.input);
  if (!parsed.success) return { ok: false, ...firstError(parsed.error) };
  const { count } = await db.issue.updateMany({ where: { id: opts.issueId, status: { in: ["draft", "scheduled"] } }, data: parsed.data });
  if (!count) return { ok: false, error: "This issue can no longer be edited: its send has started." };
  await audit(db, opts.actor, "issue.update", opts.issueId);
  return { ok: true, issueId: opts.issueId };
}
