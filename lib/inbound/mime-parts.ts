// A small structural MIME walker for reports. mailparser's simpleParser is made for reading mail: it folds
// message/delivery-status into the text body and inlines a returned message/rfc822, which is exactly the
// structure a bounce or complaint report is read by (RFC 3462/6522 multipart/report). This keeps every leaf
// part with its own headers and decoded body, and never follows more than a few levels or parts.
export type MimePart = { contentType: string; params: Record<string, string>; headers: string; body: string };

const MAX_PARTS = 50;
const MAX_DEPTH = 5;

/** Splits a header block from its body at the first empty line. */
export function splitHead(raw: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { head: raw, body: "" };
  return { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

/** Header fields of a block, unfolded, names lower-cased; repeated fields in order. */
export function headerFields(head: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of head.replace(/\r\n/g, "\n").replace(/\n[ \t]+/g, " ").split("\n")) {
    const i = line.indexOf(":");
    if (i > 0 && !/\s/.test(line.slice(0, i))) out.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
  }
  return out;
}

export const headerValue = (head: string, name: string) => headerFields(head).find(([k]) => k === name)?.[1] ?? null;

function parseContentType(value: string | null): { type: string; params: Record<string, string> } {
  const [type, ...rest] = (value ?? "text/plain").split(";");
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf("=");
    if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  return { type: type.trim().toLowerCase() || "text/plain", params };
}

function decode(body: string, encoding: string | null): string {
  const e = (encoding ?? "").toLowerCase();
  if (e === "base64") return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64").toString("utf8");
  if (e === "quoted-printable") {
    const bytes = Buffer.from(body.replace(/=\r?\n/g, ""), "latin1").toString("latin1").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** Every leaf part, depth first, bodies decoded. A message/rfc822 part is a leaf (its text is the returned message). */
export function mimeParts(raw: string): MimePart[] {
  const out: MimePart[] = [];
  const walk = (text: string, depth: number) => {
    if (out.length >= MAX_PARTS) return;
    const { head, body } = splitHead(text);
    const ct = parseContentType(headerValue(head, "content-type"));
    if (ct.type.startsWith("multipart/") && ct.params.boundary && depth < MAX_DEPTH) {
      const delimiter = `--${ct.params.boundary}`;
      const chunks = body.split(new RegExp(`(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?:--)?[ \\t]*(?:\\r?\\n|$)`));
      // chunks[0] is the preamble; a last chunk after the closing delimiter is the epilogue.
      const closing = body.includes(`${delimiter}--`);
      const parts = chunks.slice(1, closing ? -1 : undefined);
      for (const p of parts) walk(p, depth + 1);
      return;
    }
    out.push({ contentType: ct.type, params: ct.params, headers: head, body: decode(body, headerValue(head, "content-transfer-encoding")) });
  };
  walk(raw, 0);
  return out;
}

/** The header-style field groups of a report body (message/delivery-status: per-message, then per-recipient). */
export function fieldGroups(body: string): Map<string, string>[] {
  return body
    .replace(/\r\n/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => new Map(headerFields(block)))
    .filter((m) => m.size > 0);
}
