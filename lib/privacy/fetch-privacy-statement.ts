// Fetches a privacy statement hosted elsewhere, at publish time, to keep what it said that day: http(s)
// only, a timeout (connect and body alike), at most 1 MB, text/html, text/plain or text/markdown. HTML
// becomes text (html-to-text, as the plain-text mails do). Every failure is one sentence for the admin,
// never an exception: a failed fetch refuses the publish and changes nothing.
import { convert } from "html-to-text";
import { readCapped } from "../util/read-capped.ts";

export const FETCH_MAX_BYTES = 1024 * 1024;
export const FETCH_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const TYPES = new Set(["text/html", "text/plain", "text/markdown"]);

export type FetchedStatement = { ok: true; text: string; contentType: string; url: string } | { ok: false; message: string };

export async function fetchPrivacyStatement(url: string, { timeoutMs = FETCH_TIMEOUT_MS, maxBytes = FETCH_MAX_BYTES }: { timeoutMs?: number; maxBytes?: number } = {}): Promise<FetchedStatement> {
  const fail = (message: string): FetchedStatement => ({ ok: false, message: `Could not fetch ${url}: ${message}` });
  const signal = AbortSignal.timeout(timeoutMs);
  let at: URL;
  try {
    at = new URL(url);
  } catch {
    return fail("this is not a link.");
  }
  try {
    // Redirects followed by hand, so each hop is checked for http(s) too.
    let res: Response;
    for (let hop = 0; ; hop++) {
      if (at.protocol !== "http:" && at.protocol !== "https:") return fail("only http:// and https:// links can be fetched.");
      res = await fetch(at, { signal, redirect: "manual", headers: { accept: "text/html, text/markdown, text/plain;q=0.9" } });
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) break;
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) return fail(`more than ${MAX_REDIRECTS} redirects.`);
      at = new URL(location, at);
    }
    if (!res.ok) {
      await res.body?.cancel();
      return fail(`the page answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}.`);
    }
    const header = res.headers.get("content-type") ?? "";
    const type = header.split(";")[0].trim().toLowerCase();
    if (!TYPES.has(type)) {
      await res.body?.cancel();
      return fail(`the page is ${type || "of no stated type"}, not text/html, text/plain or text/markdown.`);
    }
    const declared = Number(res.headers.get("content-length"));
    if (declared > maxBytes) {
      await res.body?.cancel();
      return fail(`the page is larger than ${maxBytes / 1024 / 1024} MB.`);
    }
    const bytes = await readCapped(res.body, maxBytes);
    if (!bytes) return fail(`the page is larger than ${maxBytes / 1024 / 1024} MB.`);
    const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(header)?.[1] ?? "utf-8";
    let body: string;
    try {
      body = new TextDecoder(charset).decode(bytes);
    } catch {
      return fail(`its character set ${charset} is not supported.`);
    }
    const text = (type === "text/html" ? htmlToText(body) : body).replace(/\r\n?/g, "\n").trim();
    if (!text) return fail("the page has no text.");
    return { ok: true, text, contentType: type, url: at.toString() };
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === "TimeoutError" || name === "AbortError") return fail(`no answer within ${Math.round(timeoutMs / 100) / 10} s.`);
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    return fail(`the server could not be reached${cause?.code ? ` (${cause.code})` : ""}.`);
  }
}

function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
      { selector: "img", format: "skip" },
      { selector: "nav", format: "skip" },
      { selector: "script", format: "skip" },
      { selector: "style", format: "skip" },
      ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ],
  });
}
