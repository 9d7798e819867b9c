// Step-up for the preferences page (lib/security/data-access.ts): a fresh link to the subscriber's own
// address, single use, 30 minutes, stored hashed. Asked for from a page anyone with a forwarded newsletter
// can open, so it is rate limited per subscriber (the address is never shown or typed: the mail goes to
// the one we hold). A service mail at the person's request: lib/rules decides it like every other mail.
import "server-only";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { DEFAULT_FACTS, decideSend, deepMerge } from "../rules/index.ts";
import { issueToken, consumeToken, findToken } from "../security/tokens.ts";
import { hit, type Limit } from "../security/rate-limit.ts";
import { GRANT_MS } from "../security/data-access.ts";
import { sendMail, MailError } from "../mail/transport.ts";
import { getOrganisation } from "../settings/get-organisation.ts";
import { translator, type Locale } from "../i18n/translator.ts";
import { escapeHtml } from "../util/escape-html.ts";
import { getLogger } from "../log/logger.ts";

export const DATA_LINK_LIMIT: Limit = { points: 3, durationSec: 3600 };

export type DataLinkResult = "sent" | "rate_limited" | "gone" | "mail_failed";

export async function sendDataAccessLink(o: { subscriberId: string; lang: Locale; now?: Date }): Promise<DataLinkResult> {
  const now = o.now ?? new Date();
  const subscriber = await db.subscriber.findUnique({
    where: { id: o.subscriberId },
    select: { id: true, email: true, subscriptions: { select: { newsletter: { select: { fromEmail: true } } }, take: 1, orderBy: { createdAt: "asc" } } },
  });
  if (!subscriber) return "gone";
  if (!(await hit("data-link-subscriber", subscriber.id, DATA_LINK_LIMIT)).ok) return "rate_limited";
  const decision = decideSend(deepMerge(DEFAULT_FACTS, { message: { kind: "transactional", marketingContent: false } }));
  if (!decision.allowed) return "mail_failed";

  const { token } = await issueToken(db, { purpose: "data-access", subjectId: subscriber.id, ttlMs: GRANT_MS, now });
  const organisation = await getOrganisation(db);
  const t = translator(o.lang, "dataAccessMail");
  const url = `${config().appUrl}/p/access/${token}?lang=${o.lang}`;
  const intro = t("intro", { organisation: organisation.name || "Proofmail" });
  const fromEmail = subscriber.subscriptions[0]?.newsletter.fromEmail;
  try {
    await sendMail({
      from: fromEmail ? { name: organisation.name || "Proofmail", address: fromEmail } : config().mailFrom,
      to: subscriber.email,
      subject: t("subject"),
      text: `${intro}\n\n${url}\n\n${t("ignore")}\n`,
      html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t("button"))}</a></p><p style="color:#555">${escapeHtml(t("ignore"))}</p>`,
    });
    return "sent";
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    getLogger("data-access").warn({ subscriberId: subscriber.id, err: err.message }, "data access link not sent");
    return "mail_failed";
  }
}

/** Uses up a mailed access link; the subscriber it was for, or why not. */
export async function openDataAccessLink(token: string, now = new Date()): Promise<{ state: "valid"; subscriberId: string } | { state: "expired" | "used" | "unknown" }> {
  const r = await consumeToken(db, "data-access", token, now);
  if (r.state !== "valid") return { state: r.state };
  if (!r.subjectId || !(await db.subscriber.count({ where: { id: r.subjectId } }))) return { state: "unknown" };
  return { state: "valid", subscriberId: r.subjectId };
}

/** What a mailed access link is now, without using it up (the page's GET only shows a button). */
export async function findDataAccessLink(token: string, now = new Date()): Promise<"valid" | "expired" | "used" | "unknown"> {
  return (await findToken(db, "data-access", token, now)).state;
}
