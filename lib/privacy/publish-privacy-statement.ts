// Publishes the privacy statement draft of one language as a new immutable version (like
// publish-form-version.ts): the Markdown typed here, or, for a statement hosted elsewhere, the text of
// the page fetched now. A refused fetch or an empty draft publishes nothing. The same text as the
// version in force is not published again. Versions are never updated or deleted here or anywhere else.
// Forms pick a new version up as a new FormVersion the next time they are shown (their privacy link).
import { db, Prisma } from "../db/index.ts";
import { audit } from "../audit/log.ts";
import { sha256 } from "../util/hash.ts";
import { toPrivacyStatement, type PrivacyLanguage, type PrivacyStatement } from "./privacy-statement.ts";
import { actorOf, getPrivacyStatementDraft } from "./save-privacy-statement-draft.ts";
import { fetchPrivacyStatement } from "./fetch-privacy-statement.ts";

export type PublishPrivacyResult =
  | { ok: true; version: PrivacyStatement; created: boolean }
  | { ok: false; field: "markdown" | "hostedUrl"; message: string };

export async function publishPrivacyStatement({ language, staffId, fetchOptions }: {
  language: PrivacyLanguage; staffId: string | null;
  /** For tests: a shorter timeout or a smaller size cap. */
  fetchOptions?: { timeoutMs?: number; maxBytes?: number };
}): Promise<PublishPrivacyResult> {
  const draft = await getPrivacyStatementDraft(language);
  let text: string;
  let source: "inline" | "fetched" = "inline";
  let sourceUrl: string | null = null;
  if (draft.hostedUrl) {
    const fetched = await fetchPrivacyStatement(draft.hostedUrl, fetchOptions);
    if (!fetched.ok) return { ok: false, field: "hostedUrl", message: fetched.message };
    text = fetched.text;
    source = "fetched";
    sourceUrl = draft.hostedUrl;
  } else {
    text = draft.markdown.trim();
    if (!text) return { ok: false, field: "markdown", message: "Write the privacy statement before publishing it." };
  }
  const hash = sha256(text);

  for (let attempt = 0; ; attempt++) {
    try {
      const r = await db.$transaction(async (tx) => {
        const current = await tx.privacyStatementVersion.findFirst({ where: { language }, orderBy: { version: "desc" } });
        if (current && current.sha256 === hash && current.source === source && current.sourceUrl === sourceUrl) {
          return { row: current, created: false };
        }
        const last = await tx.privacyStatementVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
        const row = await tx.privacyStatementVersion.create({
          data: { version: (last?.version ?? 0) + 1, language, markdown: text, sha256: hash, source, sourceUrl, publishedById: staffId },
        });
        await audit(tx, await actorOf(tx, staffId), "privacy.publish", row.id, { version: row.version, language, sha256: hash, source, sourceUrl });
        return { row, created: true };
      });
      return { ok: true, version: toPrivacyStatement(r.row), created: r.created };
    } catch (err) {
      // Two publishes at once took the same number: the later one takes the next.
      if (attempt < 3 && err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") continue;
      throw err;
    }
  }
}
