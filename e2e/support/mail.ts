// Reads what the e2e SMTP server received.
import fs from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { e2eEnv } from "./env";

const dir = () => path.join(e2eEnv().E2E_DIR, "mail");

export async function allMail(): Promise<ParsedMail[]> {
  if (!fs.existsSync(dir())) return [];
  const names = fs.readdirSync(dir()).sort();
  return Promise.all(names.map((n) => simpleParser(fs.readFileSync(path.join(dir(), n)))));
}

export function recipients(m: ParsedMail): string[] {
  const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
}

/** Waits for a message to `to` that matches; the newest match wins. */
export async function waitForMail(to: string, match: (m: ParsedMail) => boolean = () => true, timeoutMs = 15_000): Promise<ParsedMail> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = (await allMail()).filter((m) => recipients(m).includes(to.toLowerCase()) && match(m));
    if (found.length) return found[found.length - 1];
    if (Date.now() > end) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function mailTo(to: string): Promise<ParsedMail[]> {
  return (await allMail()).filter((m) => recipients(m).includes(to.toLowerCase()));
}

export function firstLink(m: ParsedMail, pattern: RegExp): string {
  const hit = (m.text ?? "").match(pattern);
  if (!hit) throw new Error(`no link matching ${pattern} in: ${m.text}`);
  return hit[0];
}
