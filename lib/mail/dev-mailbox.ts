// The built-in dev mailbox: when no SMTP_URL is set, each message is stored as an .eml file under
// ./data/mailbox. Admins read it at /admin/mailbox. It is a development aid, not a mail store.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { simpleParser } from "mailparser";
import { config } from "../config/index.ts";

const streamer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

function mailboxDir() {
  return path.join(config().dataDir, "mailbox");
}

export async function writeToDevMailbox(mail: SendMailOptions): Promise<{ messageId: string; response: string }> {
  const info = (await streamer.sendMail(mail)) as unknown as { messageId: string; message: Buffer };
  await fs.mkdir(mailboxDir(), { recursive: true });
  const name = `${Date.now().toString().padStart(15, "0")}-${Math.random().toString(36).slice(2, 10)}.eml`;
  await fs.writeFile(path.join(mailboxDir(), name), info.message);
  return { messageId: typeof mail.messageId === "string" ? mail.messageId : info.messageId, response: "250 stored in dev mailbox" };
}

export type DevMail = { id: string; date: Date; from: string; to: string; subject: string; text: string; html: string | null; headers: Record<string, string> };

export async function listDevMailbox(limit = 50): Promise<DevMail[]> {
  let names: string[] = [];
  try {
    names = (await fs.readdir(mailboxDir())).filter((n) => n.endsWith(".eml"));
  } catch {
    return [];
  }
  names.sort().reverse();
  return Promise.all(names.slice(0, limit).map(readDevMail)).then((m) => m.filter((x): x is DevMail => x !== null));
}

export async function readDevMail(id: string): Promise<DevMail | null> {
  if (!/^[0-9]{15}-[a-z0-9]+\.eml$/.test(id)) return null;
  try {
    const raw = await fs.readFile(path.join(mailboxDir(), id));
    const p = await simpleParser(raw);
    const headers: Record<string, string> = {};
    for (const l of p.headerLines) headers[l.key] = l.line.slice(l.line.indexOf(":") + 1).trim();
    return {
      id,
      date: p.date ?? new Date(0),
      from: p.from?.text ?? "",
      to: Array.isArray(p.to) ? p.to.map((a) => a.text).join(", ") : (p.to?.text ?? ""),
      subject: p.subject ?? "",
      text: p.text ?? "",
      html: typeof p.html === "string" ? p.html : null,
      headers,
    };
  } catch {
    return null;
  }
}
