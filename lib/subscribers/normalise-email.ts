// One normal form for every address we store, hash or compare:
// - Unicode NFC, surrounding white space trimmed;
// - the domain lower-cased and converted to ASCII (IDN -> punycode, e.g. "bücher.nl" -> "xn--bcher-kva.nl");
// - the local part lower-cased (RFC 5321 lets it be case-sensitive, but no real mailbox is, and treating
//   "Jan@" and "jan@" as two people would let one person escape their own unsubscribe).
// Control characters (CR/LF: header injection), more than 254 characters or a malformed address are refused.
import { domainToASCII } from "node:url";

export type EmailResult = { ok: true; email: string } | { ok: false; error: string };

const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function normaliseEmail(input: unknown): EmailResult {
  if (typeof input !== "string" || input.trim() === "") return { ok: false, error: "Enter an email address." };
  if (input.length > 320) return { ok: false, error: "That email address is too long." };
  if (/[\u0000-\u001f\u007f]/.test(input)) return { ok: false, error: "That email address contains invalid characters." };
  const value = input.normalize("NFC").trim();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) return { ok: false, error: "That is not a valid email address." };
  const local = value.slice(0, at).toLowerCase();
  const domain = domainToASCII(value.slice(at + 1).toLowerCase());
  if (!domain || local.length > 64 || !LOCAL_PART.test(local)) return { ok: false, error: "That is not a valid email address." };
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || /^[0-9]+$/.test(labels.at(-1)!))
    return { ok: false, error: "That is not a valid email address." };
  const email = `${local}@${domain}`;
  if (email.length > 254) return { ok: false, error: "That email address is too long." };
  return { ok: true, email };
}
