// Saves the editable draft of the privacy statement for one language, overwriting it (admin; also the
// processing register, which turns its text into this draft). Nothing public changes until it is
// published (publish-privacy-statement.ts), which snapshots it into a new immutable version.
import { z } from "zod";
import { db, type Db, type Tx } from "../db/index.ts";
import { audit } from "../audit/log.ts";
import { PRIVACY_LANGUAGES, type PrivacyLanguage } from "./privacy-statement.ts";

/** A statement is a document, not a book: 200,000 characters is far beyond any real one. */
export const MAX_STATEMENT_CHARS = 200_000;

export const privacyDraftSchema = z.object({
  language: z.enum(PRIVACY_LANGUAGES, { message: "Choose Nederlands or English." }),
  markdown: z.string().max(MAX_STATEMENT_CHARS, `At most ${MAX_STATEMENT_CHARS.toLocaleString("en")} characters.`).transform((s) => s.replace(/\r\n?/g, "\n")),
  // Hosted elsewhere: the page fetched at publish time (http or https only).
  hostedUrl: z.string().trim().max(2000, "At most 2000 characters.")
    .refine((s) => s === "" || /^https?:\/\/[^\s/]+\S*$/i.test(s), "Enter a full link starting with https:// or http://")
    .transform((s) => (s === "" ? null : s))
    .nullish(),
});

export type PrivacyDraft = { language: PrivacyLanguage; markdown: string; hostedUrl: string | null; updatedAt: Date | null };

export type SavePrivacyDraftResult = { ok: true; draft: PrivacyDraft } | { ok: false; errors: Record<string, string> };

export async function savePrivacyStatementDraft({ markdown, language, staffId, hostedUrl = null }: {
  markdown: string; language: PrivacyLanguage; staffId: string | null;
  /** Set: the statement is hosted at this page and fetched when published; null (default): the Markdown is the statement. */
  hostedUrl?: string | null;
}): Promise<SavePrivacyDraftResult> {
  const parsed = privacyDraftSchema.safeParse({ markdown, language, hostedUrl });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "markdown")] ??= issue.message;
    return { ok: false, errors };
  }
  const d = parsed.data;
  const data = { markdown: d.markdown, hostedUrl: d.hostedUrl ?? null, updatedById: staffId };
  return db.$transaction(async (tx) => {
    const row = await tx.privacyStatementDraft.upsert({ where: { language: d.language }, create: { language: d.language, ...data }, update: data });
    await audit(tx, await actorOf(tx, staffId), "privacy.draft", d.language, { hosted: !!row.hostedUrl, chars: row.markdown.length });
    return { ok: true as const, draft: { language: d.language, markdown: row.markdown, hostedUrl: row.hostedUrl, updatedAt: row.updatedAt } };
  });
}

export async function getPrivacyStatementDraft(language: PrivacyLanguage, client: Db | Tx = db): Promise<PrivacyDraft> {
  const row = await client.privacyStatementDraft.findUnique({ where: { language } });
  return { language, markdown: row?.markdown ?? "", hostedUrl: row?.hostedUrl ?? null, updatedAt: row?.updatedAt ?? null };
}

/** The audit actor for a staff id (the log names people by address); "system" without one. */
export async function actorOf(client: Db | Tx, staffId: string | null) {
  if (!staffId) return "system" as const;
  const u = await client.user.findUnique({ where: { id: staffId }, select: { email: true } });
  return { id: staffId, email: u?.email ?? staffId };
}
