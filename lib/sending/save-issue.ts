// Creating, editing and declaring issues. Input is checked with zod; an issue can be edited until its send
// starts. The declaration (categories, third-party offers, basis) is the editor's explicit answer, judged by
// lib/rules' checkDeclaration; changing the content afterwards clears it, so the editor confirms again.
import { z } from "zod";
import { normaliseLineEnds } from "../util/text-fields.ts";
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { checkDeclaration } from "../rules/index.ts";
import { parseStoredBasis, rulesBasis } from "../subscribers/basis.ts";
import { imagesWithoutAlt } from "../mail/render-issue.tsx";
import { translator } from "../i18n/translator.ts";

export const issueInputSchema = z.object({
  subject: z.string().trim().min(1, "Write a subject.").max(200, "Keep the subject under 200 characters."),
  preheader: z.string().trim().max(200, "Keep the preheader under 200 characters.").default(""),
  bodyMarkdown: z.string().overwrite(normaliseLineEnds).max(200_000, "The text is too long (200,000 characters at most).").default(""),
});
export type IssueInput = z.infer<typeof issueInputSchema>;

type Result = { ok: true; issueId: string } | { ok: false; error: string; field?: string };
type UpdateResult =
  | { ok: true; issueId: string; declarationCleared: boolean; unscheduled: boolean }
  | { ok: false; error: string; field?: string };

/** Every image needs alt text (issue 13 D4): saving, test sends and sends refuse an issue without it. */
export function altTextProblem(bodyMarkdown: string): { error: string; field: "bodyMarkdown" } | null {
  const count = imagesWithoutAlt(bodyMarkdown).length;
  return count ? { error: translator("en", "issueImages")("altRequired", { count }), field: "bodyMarkdown" } : null;
}

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

export async function updateIssue(opts: { issueId: string; input: unknown; actor: AuditActor }): Promise<UpdateResult> {
  const parsed = issueInputSchema.safeParse(opts.input);
  if (!parsed.success) return { ok: false, ...firstError(parsed.error) };
  const content = parsed.data;
  const noAlt = altTextProblem(content.bodyMarkdown);
  if (noAlt) return { ok: false, ...noAlt };
  const locked = { ok: false, error: "This issue can no longer be edited: its send has started." } as const;
  return db.$transaction(async (tx) => {
    const before = await tx.issue.findUnique({ where: { id: opts.issueId }, select: { subject: true, preheader: true, bodyMarkdown: true, declaredAt: true, status: true } });
    if (!before || (before.status !== "draft" && before.status !== "scheduled")) return locked;
    // Line endings do not count: browsers submit a textarea's breaks as CRLF.
    const changed = before.subject !== content.subject || before.preheader !== content.preheader || normaliseLineEnds(before.bodyMarkdown) !== content.bodyMarkdown;
    // The declaration was about the old content: it goes, and a schedule resting on it goes with it.
    // Cleared on every change (not only when one is seen), so a declaration racing this edit cannot survive it.
    const clear = changed;
    const unschedule = changed && before.status === "scheduled";
    const { count } = await tx.issue.updateMany({
      where: { id: opts.issueId, status: { in: ["draft", "scheduled"] } },
      data: { ...content, ...(clear ? { declaredAt: null, declaredById: null } : {}), ...(unschedule ? { status: "draft", scheduledAt: null } : {}) },
    });
    if (!count) return locked;
    const declarationCleared = clear && before.declaredAt !== null;
    await audit(tx, opts.actor, "issue.update", opts.issueId, declarationCleared || unschedule ? { declarationCleared, unscheduled: unschedule } : undefined);
    return { ok: true, issueId: opts.issueId, declarationCleared, unscheduled: unschedule } as const;
  });
}

/** What the composer's declaration form sends: checkbox values, "yes"/"no", a basis, the confirmation. */
export type DeclarationFormInput = { categories: unknown; thirdPartyPromotion: unknown; basis: unknown; confirm: unknown };

const answer = (v: unknown): boolean | null => (v === true || v === "yes" ? true : v === false || v === "no" ? false : null);

/** Stores the editor's declaration with declaredAt/declaredById, or nothing at all if lib/rules finds a problem. */
export async function declareIssue(opts: { issueId: string; input: DeclarationFormInput; actor: AuditActor }): Promise<Result> {
  const issue = await db.issue.findUnique({ where: { id: opts.issueId }, include: { newsletter: { select: { categories: true } } } });
  if (!issue) return { ok: false, error: "This issue does not exist." };
  const raw = opts.input.categories;
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  if (!list.every((c): c is string => typeof c === "string")) return { ok: false, error: "Tick the categories this issue is about.", field: "categories" };
  const categories = [...new Set(list)];
  const basis = parseStoredBasis(opts.input.basis);
  const thirdPartyPromotion = answer(opts.input.thirdPartyPromotion);
  const newsletterCategories = Array.isArray(issue.newsletter.categories) ? (issue.newsletter.categories as unknown[]).filter((c): c is string => typeof c === "string") : [];
  const check = checkDeclaration({
    newsletterCategories, categories, thirdPartyPromotion,
    basis: basis && rulesBasis(basis),
    confirmed: answer(opts.input.confirm) === true,
  });
  if (!check.ok) return { ok: false, error: check.problems[0].message, field: check.problems[0].field };
  const declaredById = typeof opts.actor === "object" ? (opts.actor.id ?? null) : null;
  const declaredAt = new Date();
  return db.$transaction(async (tx) => {
    const { count } = await tx.issue.updateMany({
      where: { id: opts.issueId, status: { in: ["draft", "scheduled"] } },
      data: { categories, thirdPartyPromotion: thirdPartyPromotion!, basis: basis!, declaredAt, declaredById },
    });
    if (!count) return { ok: false, error: "This issue can no longer be edited: its send has started." } as const;
    await audit(tx, opts.actor, "issue.declare", opts.issueId, { categories, thirdPartyPromotion, basis });
    return { ok: true, issueId: opts.issueId } as const;
  });
}
