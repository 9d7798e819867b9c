// The receipt page's language for <html lang> (lib/i18n/page-language.ts): the message's, which is its
// newsletter's. One small query; a link that does not work gets Dutch (its page speaks both).
import { db } from "../db/index.ts";
import { langOf, type Lang } from "../mail/render-issue.tsx";
import { verifyReceiptToken } from "../subscribers/links.ts";

export async function receiptLanguage(token: string): Promise<Lang> {
  const id = verifyReceiptToken(token);
  if (!id) return "nl";
  const d = await db.delivery.findUnique({ where: { id }, select: { subscriberId: true, issue: { select: { newsletter: { select: { language: true } } } } } });
  return d?.subscriberId ? langOf(d.issue.newsletter.language) : "nl";
}
