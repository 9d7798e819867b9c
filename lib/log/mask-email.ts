// Enough to recognise an address, not enough to keep it (j***@example.nl): per-row import reports and
// every log line (lib/log/logger.ts).
export function maskEmail(value: string): string {
  const v = value.trim();
  const at = v.lastIndexOf("@");
  if (at <= 0) return v ? `${[...v][0]}***` : "";
  return `${[...v][0]}***@${v.slice(at + 1).slice(0, 80).toLowerCase()}`.replace(/[\u0000-\u001f\u007f]/g, "");
}

// Anything shaped like an address inside free text (an SMTP reply "550 <jan@example.nl> unknown", an error).
const ADDRESS_IN_TEXT = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Masks every address found in a text. */
export function maskEmailsIn(text: string): string {
  return text.includes("@") ? text.replace(ADDRESS_IN_TEXT, (a) => maskEmail(a)) : text;
}
