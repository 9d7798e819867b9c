// Creates or updates a newsletter (admin). Its purpose (name, description, categories, sender, third-party
// offers, aimed at children) is versioned: creating makes PurposeVersion 1, and every saved change of those
// fields makes a new PurposeVersion whose revision moves on only when lib/rules calls the change material,
// so consent given under an earlier revision stops covering the newsletter (DENY_CONSENT_PURPOSE_CHANGED).
// Cosmetic edits are allowed; every change is audited. The texts of the other languages (NewsletterText rows)
// are saved with it and are part of the purpose too: a description changed in any language is versioned.
// Signup forms that offer the newsletter show the new text and point at the new purpose version the next
// time they are shown (publish-form-version.ts).
import { db, Prisma, type Tx } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { classifyPurposeChange, type PurposeChange } from "../rules/index.ts";
import { newsletterInputSchema } from "./newsletter-input.ts";
import { purposeContentHash, purposeFieldsOf } from "./purpose-fields.ts";
import { isBackend } from "../mail/backends.ts";
import { getCurrentPurposeVersion } from "./current-purpose-version.ts";
import { otherLanguages, TEXT_FIELDS, TEXTS } from "./newsletter-texts.ts";

export type PurposeSaved = { version: number; revision: number; change: "initial" | "material" | "cosmetic" } | null;

export type SaveNewsletterResult =
  | { ok: true; id: string; slug: string; purpose: PurposeSaved }
  | { ok: false; errors: Record<string, string> };

export async function saveNewsletter({ id, input, actor }: { id?: string | null; input: unknown; actor: AuditActor }): Promise<SaveNewsletterResult> {
  const parsed = newsletterInputSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    // A language's text is named "texts.en.name"; the primary texts by their field, like every other field.
    for (const issue of parsed.error.issues) errors[(issue.path[0] === "texts" ? issue.path.slice(0, 3) : issue.path.slice(0, 1)).map(String).join(".") || "form"] ??= issue.message;
    return { ok: false, errors };
  }
  if (parsed.data.sendingBackend && !isBackend(parsed.data.sendingBackend))
    return { ok: false, errors: { sendingBackend: `There is no sending backend "${parsed.data.sendingBackend}" (SMTP_BACKENDS).` } };
  const { texts, ...newsletter } = parsed.data;
  const data = { ...newsletter, similarMap: newsletter.similarMap ?? Prisma.DbNull };
  // The other languages' rows: a language left empty has none (its readers see the primary texts).
  const textRows = otherLanguages(newsletter.language).flatMap((language) => {
    const t = texts[language as keyof typeof texts];
    return t && TEXT_FIELDS.some((f) => t[f]) ? [{ language, ...t }] : [];
  });
  const createdById = typeof actor === "object" ? (actor.id ?? null) : null;
  try {
    return await db.$transaction(async (tx) => {
      if (id) {
        const existing = await tx.newsletter.findUnique({ where: { id } });
        if (!existing) return { ok: false as const, errors: { form: "This newsletter no longer exists." } };
        // The purpose people agreed to so far (created from the stored fields if it predates versioning).
        const current = (await getCurrentPurposeVersion({ newsletterId: id, client: tx }))!;
        const row = await tx.newsletter.update({
          where: { id }, data: { ...data, texts: { deleteMany: {}, create: textRows } }, include: { texts: TEXTS },
        });
        const classified = classifyPurposeChange(purposeFieldsOf(current), purposeFieldsOf(row));
        const purpose = classified.change === "none" ? null : await recordPurposeVersion(tx, row, current, classified, createdById);
        await audit(tx, actor, "newsletter.update", row.id, {
          slug: row.slug,
          ...(purpose ? { purpose: { ...purpose, ruleIds: classified.ruleIds, fields: classified.fields } } : {}),
        });
        return { ok: true as const, id: row.id, slug: row.slug, purpose };
      }
      const row = await tx.newsletter.create({ data: { ...data, texts: { create: textRows } }, include: { texts: TEXTS } });
      const fields = purposeFieldsOf(row);
      await tx.purposeVersion.create({
        data: { newsletterId: row.id, version: 1, revision: 1, change: "initial", ...fields, contentHash: purposeContentHash(fields), createdById },
      });
      await audit(tx, actor, "newsletter.create", row.id, { slug: row.slug, purpose: { version: 1, revision: 1 } });
      return { ok: true as const, id: row.id, slug: row.slug, purpose: { version: 1, revision: 1, change: "initial" as const } };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const taken = await db.newsletter.findFirst({ where: { slug: parsed.data.slug, ...(id ? { NOT: { id } } : {}) }, select: { id: true } });
      if (taken) return { ok: false, errors: { slug: "Another newsletter already uses this slug." } };
      // The other unique key is (newsletter, purpose version): two admins saved at the same moment.
      return { ok: false, errors: { form: "Someone else saved this newsletter at the same time. Reload and try again." } };
    }
    throw err;
  }
}

async function recordPurposeVersion(
  tx: Tx,
  row: Parameters<typeof purposeFieldsOf>[0] & { id: string },
  current: { version: number; revision: number },
  classified: PurposeChange,
  createdById: string | null,
): Promise<NonNullable<PurposeSaved>> {
  const change = classified.change === "material" ? "material" : "cosmetic";
  const fields = purposeFieldsOf(row);
  const version = current.version + 1;
  const revision = current.revision + (change === "material" ? 1 : 0);
  await tx.purposeVersion.create({
    data: { newsletterId: row.id, version, revision, change, ...fields, contentHash: purposeContentHash(fields), createdById },
  });
  return { version, revision, change };
}
