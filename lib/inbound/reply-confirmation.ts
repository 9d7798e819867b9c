// The confirmation that a reply to the mailto unsubscribe address took effect (issue 14 D3): a short
// service mail, no promotion (lib/rules decides it as transactional), in the newsletter's language, to the
// address we hold (never to the reply's From, which anyone can write). It carries Auto-Submitted (RFC 3834)
// so that an auto-responder does not answer it, and goes out only when the reply changed something.
import { DEFAULT_FACTS, decideSend, deepMerge } from "../rules/index.ts";
import { sendMail, MailError } from "../mail/transport.ts";
import { escapeHtml } from "../util/escape-html.ts";
import { getLogger } from "../log/logger.ts";

const T = {
  nl: {
    subject: (n: string) => `Je bent afgemeld voor ${n}`,
    body: (n: string, org: string) => `Je afmelding is verwerkt: je ontvangt ${n}${org ? ` van ${org}` : ""} niet meer.`,
    note: "Dit bericht is automatisch verstuurd als bevestiging van je e-mail.",
  },
  en: {
    subject: (n: string) => `You have been unsubscribed from ${n}`,
    body: (n: string, org: string) => `Your unsubscribe request has been processed: you will no longer receive ${n}${org ? ` from ${org}` : ""}.`,
    note: "This message was sent automatically to confirm your e-mail.",
  },
} as const;

export async function sendReplyConfirmation(o: {
  to: string; newsletter: { name: string; fromName: string; fromEmail: string; language: string }; orgName: string;
}): Promise<"sent" | "failed" | "not-allowed"> {
  const decision = decideSend(deepMerge(DEFAULT_FACTS, { message: { kind: "transactional", marketingContent: false } }));
  if (!decision.allowed) return "not-allowed";
  const t = o.newsletter.language === "en" ? T.en : T.nl;
  const body = t.body(o.newsletter.name, o.orgName);
  try {
    await sendMail({
      from: { name: o.newsletter.fromName || o.orgName || "Proofmail", address: o.newsletter.fromEmail },
      to: o.to,
      subject: t.subject(o.newsletter.name),
      headers: { "Auto-Submitted": "auto-replied" },
      text: `${body}\n\n${t.note}\n`,
      html: `<p>${escapeHtml(body)}</p><p style="color:#555">${escapeHtml(t.note)}</p>`,
    });
    return "sent";
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    getLogger("inbound").warn({ err: err.message }, "unsubscribe confirmation not sent (the withdrawal stands)");
    return "failed";
  }
}
