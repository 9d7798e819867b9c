// What a test mail's unsubscribe link opens (lib/subscribers/links.ts testLinkToken): the newsletter the
// tested issue belongs to, in its language, so the page looks like the real one without touching anyone.
import { db } from "../db/index.ts";
import { langOf, type Lang } from "../mail/render-issue.tsx";
import { verifyTestLinkToken } from "../subscribers/links.ts";

export async function testMailLinkTarget(token: string): Promise<{ newsletterName: string | null; lang: Lang } | null> {
  const issueId = verifyTestLinkToken(token);
  if (!issueId) return null;
  const issue = await db.issue.findUnique({ where: { id: issueId }, select: { newsletter: { select: { name: true, language: true } } } });
  return { newsletterName: issue?.newsletter.name ?? null, lang: langOf(issue?.newsletter.language) };
}
