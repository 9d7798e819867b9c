// Mail merge for a send: nodemailer's MailComposer builds the MIME message once per issue, with placeholders
// where recipients differ (To, Message-ID, Date, List-Unsubscribe, the two bodies); each recipient's message
// is that skeleton with their values put in (also the signed X-Proofmail-Delivery header and, with
// BOUNCE_ADDRESS, the VERP envelope sender). Composing every message from scratch was the largest cost of
// the send worker (header normalising, boundary generation, base64 line wrapping by RegExp, many small
// socket writes); a merged message is a few string copies and one native base64 per body.
//
// The merge only takes values it can place verbatim where nodemailer would have written the same bytes:
// plain ASCII addresses, Message-IDs and URLs without spaces (the List-Unsubscribe line is folded as
// nodemailer folds it, with its own foldLines), and bodies that are always base64 (the
// newsletter message sets `encoding: "base64"`). Anything else — a non-ASCII address, a header that differs
// from the skeleton's — returns the mail unchanged and nodemailer composes it as usual.
// mail-merge.test.ts proves merged and composed messages are byte-identical but for the boundary.
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import mimeFuncs from "nodemailer/lib/mime-funcs/index.js"; // CommonJS: a default import works under plain Node too
import type Mail from "nodemailer/lib/mailer/index.js";
import type { OutgoingMail } from "./transport.ts";
import { DELIVERY_HEADER } from "./delivery-id.ts";
import { ECHO_HEADERS, deliveryEchoHeaders, deliveryEchoValues } from "./delivery-echo.ts";

const PH = {
  to: "pm-merge-to@merge.invalid",
  messageId: "<pm-merge-id@merge.invalid>",
  date: new Date(Date.UTC(2000, 0, 1)),
  unsubscribe: "<https://merge.invalid/pm-merge-unsubscribe>",
  delivery: "pmmergedeliveryplaceholder.000000000000000000000000",
  // 24 ASCII characters each: their base64 is 32 characters, unpadded and unwrapped, so it can be found.
  text: "PMMERGETEXTPLACEHOLDER00",
  html: "PMMERGEHTMLPLACEHOLDER00",
};
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const dateHeader = (d: Date) => d.toUTCString().replace(/GMT/, "+0000"); // as nodemailer writes it

type Slot = "to" | "messageId" | "date" | "unsubscribe" | "delivery" | "text" | "html";
const UNSUB_HEADER = "List-Unsubscribe: ";
const DELIVERY_LINE = `${DELIVERY_HEADER}: `;
const SLOT_MARKS: [Slot, string][] = [
  ["to", PH.to], ["messageId", PH.messageId], ["date", dateHeader(PH.date)], ["unsubscribe", UNSUB_HEADER + PH.unsubscribe],
  ["delivery", DELIVERY_LINE + PH.delivery], ["text", b64(PH.text)], ["html", b64(PH.html)],
];
// The signed delivery id (lib/mail/delivery-id.ts): short, no spaces, so never folded.
const VERBATIM_TOKEN = /^[a-z0-9]{10,40}\.[0-9a-f]{24}$/;

// Values a header can carry verbatim: printable ASCII, no spaces (nodemailer folds only at spaces).
const VERBATIM_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/;
const VERBATIM_ANGLE = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,900}>$/;
// RFC 2369's list of alternatives, "<https://…>, <mailto:…>".
const VERBATIM_ANGLE_LIST = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,900}>(?:, <[\x21-\x3b\x3d\x3f-\x7e]{1,900}>){0,3}$/;

/** The parts of a mail that are the same for every recipient; a merge applies only to mails that match. */
function invariant(mail: OutgoingMail): string {
  const { to: _to, messageId: _id, date: _date, text: _text, html: _html, headers, envelope: _envelope, ...rest } = mail;
  const { "List-Unsubscribe": _unsub, [DELIVERY_HEADER]: _delivery, ...otherHeaders } = (headers ?? {}) as Record<string, unknown>;
  for (const k of ECHO_HEADERS) delete otherHeaders[k]; // checked with the delivery slot
  return JSON.stringify([rest, otherHeaders]);
}

// The delivery slot: the X-Proofmail-Delivery line and the provider echo lines that follow it
// (delivery-echo.ts), which nodemailer writes as they stand (prepared headers).
const echoNames = (headers: Record<string, unknown>) => ECHO_HEADERS.filter((k) => k in headers);
const deliveryBlock = (token: string, names: string[]) => {
  const echo = deliveryEchoValues(token);
  return DELIVERY_LINE + token + names.map((k) => `\r\n${k}: ${echo[k]}`).join("");
};

export type MailMerge = (mail: OutgoingMail) => OutgoingMail;

/** Compiles the skeleton from one sample message of the send. */
export async function createMailMerge(sample: OutgoingMail): Promise<MailMerge> {
  const key = invariant(sample);
  const { dkim: _dkim, envelope: _envelope, ...composable } = sample; // DKIM signs the final bytes at send time, merged or not
  const sampleHeaders = (sample.headers ?? {}) as Record<string, string>;
  // Only a mail with the delivery header has that slot (every newsletter message has it).
  const echoes = echoNames(sampleHeaders);
  const marks = SLOT_MARKS.filter(([slot]) => slot !== "delivery" || DELIVERY_HEADER in sampleHeaders).map(([slot, mark]): [Slot, string] => [slot, slot === "delivery" ? deliveryBlock(PH.delivery, echoes) : mark]);
  let skeleton: string;
  try {
    skeleton = (
      await new MailComposer({
        ...composable,
        to: PH.to, messageId: PH.messageId, date: PH.date, text: PH.text, html: PH.html,
        headers: { ...sampleHeaders, "List-Unsubscribe": PH.unsubscribe, ...(DELIVERY_HEADER in sampleHeaders ? { [DELIVERY_HEADER]: PH.delivery, ...pick(deliveryEchoHeaders(PH.delivery), echoes) } : {}) },
      } as Mail.Options).compile().build()
    ).toString("utf8");
  } catch {
    return (mail) => mail; // nodemailer reports the problem when it composes the message itself
  }

  // Cut the skeleton at each placeholder; each must occur exactly once, or there is no merge.
  const found = marks.map(([slot, mark]) => ({ slot, mark, at: skeleton.indexOf(mark) }));
  const unique = found.every((f) => f.at >= 0 && skeleton.indexOf(f.mark, f.at + 1) < 0);
  const envelopeFrom = (sample.from as { address?: string } | undefined)?.address ?? "";
  if (!unique || sample.encoding !== "base64" || !VERBATIM_ADDRESS.test(envelopeFrom)) return (mail) => mail;
  found.sort((a, b) => a.at - b.at);
  const literals: string[] = [];
  let pos = 0;
  for (const f of found) {
    literals.push(skeleton.slice(pos, f.at));
    pos = f.at + f.mark.length;
  }
  literals.push(skeleton.slice(pos));
  const slots = found.map((f) => f.slot);

  return (mail) => {
    const to = typeof mail.to === "string" ? mail.to : "";
    const headers = (mail.headers ?? {}) as Record<string, unknown>;
    const unsubscribe = headers["List-Unsubscribe"];
    const delivery = headers[DELIVERY_HEADER];
    const envelope = mail.envelope as { from?: unknown; to?: unknown } | undefined;
    const from = envelope ? envelope.from : envelopeFrom;
    if (
      (slots.includes("delivery") ? typeof delivery !== "string" || !VERBATIM_TOKEN.test(delivery) || !sameEcho(headers, delivery, echoes) : delivery !== undefined) ||
      typeof from !== "string" || !VERBATIM_ADDRESS.test(from) ||
      (envelope && !(Array.isArray(envelope.to) && envelope.to.length === 1 && envelope.to[0] === to)) ||
      !VERBATIM_ADDRESS.test(to) || typeof mail.messageId !== "string" || !VERBATIM_ANGLE.test(mail.messageId) ||
      typeof unsubscribe !== "string" || !VERBATIM_ANGLE_LIST.test(unsubscribe) ||
      typeof mail.text !== "string" || typeof mail.html !== "string" || invariant(mail) !== key
    ) return mail;
    const values: Record<Slot, string> = {
      to, messageId: mail.messageId, unsubscribe: mimeFuncs.foldLines(UNSUB_HEADER + unsubscribe, 76), delivery: deliveryBlock(delivery as string, echoes), date: dateHeader(mail.date instanceof Date ? mail.date : new Date()),
      text: base64Lines(mail.text), html: base64Lines(mail.html),
    };
    let raw = literals[0];
    for (let i = 0; i < slots.length; i++) raw += values[slots[i]] + literals[i + 1];
    return { envelope: { from, to: [to] }, raw, messageId: mail.messageId, ...(mail.dkim ? { dkim: mail.dkim } : {}) };
  };
}

const pick = <T>(h: Record<string, T>, names: string[]) => Object.fromEntries(names.map((k) => [k, h[k]]));
/** The mail carries exactly the echo headers of the skeleton, with the values its delivery id gives. */
function sameEcho(headers: Record<string, unknown>, token: string, names: string[]): boolean {
  const want = deliveryEchoValues(token);
  const have = echoNames(headers);
  return have.length === names.length && names.every((k, i) => have[i] === k && (headers[k] as { value?: unknown } | undefined)?.value === want[k]);
}

/** base64 in lines of 76 characters, CRLF between them (RFC 2045 §6.8), as nodemailer writes it. */
function base64Lines(s: string): string {
  const all = b64(s);
  if (all.length <= 76) return all;
  const lines: string[] = [];
  for (let i = 0; i < all.length; i += 76) lines.push(all.slice(i, i + 76));
  return lines.join("\r\n");
}
