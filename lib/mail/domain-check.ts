// Does the sending domain's DNS let receivers trust our mail? SPF (on the envelope sender's domain), DKIM
// (the key Proofmail signs with, published under its selector) and DMARC (on the From domain), each with a
// verdict in plain words. Gmail and Yahoo require all three of bulk senders since 2024; a newsletter whose
// domain fails them lands in spam whatever the law says. Deliverability, not law: nothing here gates a send.
import { Resolver } from "node:dns/promises";
import { createPublicKey } from "node:crypto";

export type CheckStatus = "ok" | "warn" | "fail";
export type DomainCheck = { kind: "SPF" | "DKIM" | "DMARC"; name: string; status: CheckStatus; record: string | null; explanation: string };
export type DkimSetup = { domainName: string; keySelector: string; privateKey: string } | null;

/** TXT records of a name, each record's strings joined; [] when the name has none. Throws on a DNS failure. */
export type TxtLookup = (name: string) => Promise<string[]>;

export function txtLookup(servers?: string[]): TxtLookup {
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  if (servers?.length) resolver.setServers(servers);
  return async (name) => {
    try {
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENODATA" || code === "ENOTFOUND") return [];
      throw new Error(`DNS lookup of ${name} failed (${code ?? "error"})`);
    }
  };
}

const LOOKUP_TERMS = /^[+?~-]?(include:|a(:|\/|$)|mx(:|\/|$)|ptr|exists:)|^redirect=/i;

export function assessSpf(domain: string, records: string[]): DomainCheck {
  const name = domain;
  const spf = records.filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
  if (!spf.length)
    return { kind: "SPF", name, status: "fail", record: null, explanation: `${domain} has no SPF record, so receivers cannot tell which servers may send its mail. Add one TXT record starting with "v=spf1" that includes your mail provider (its documentation gives the exact text), ending in "-all" or "~all".` };
  if (spf.length > 1)
    return { kind: "SPF", name, status: "fail", record: spf.join(" | "), explanation: `${domain} has ${spf.length} SPF records; receivers treat that as an error and ignore all of them (RFC 7208 §4.5). Merge them into one record.` };
  const record = spf[0].trim();
  const terms = record.split(/\s+/).slice(1);
  const lookups = terms.filter((t) => LOOKUP_TERMS.test(t)).length;
  if (lookups > 10)
    return { kind: "SPF", name, status: "fail", record, explanation: `The SPF record needs more than 10 DNS lookups (${lookups} at its first level), so receivers give up on it (RFC 7208 §4.6.4). Remove includes you no longer use.` };
  const all = terms.find((t) => /^[+?~-]?all$/i.test(t));
  if (!all && !terms.some((t) => /^redirect=/i.test(t)))
    return { kind: "SPF", name, status: "warn", record, explanation: `The SPF record does not end in "-all" or "~all", so it says nothing about servers it does not list. Add "~all" (or "-all") at the end.` };
  if (all && /^\+?all$/i.test(all))
    return { kind: "SPF", name, status: "fail", record, explanation: `The SPF record ends in "${all}": it lets every server in the world send as ${domain}. Replace it with "~all" or "-all".` };
  if (all && /^\?all$/i.test(all))
    return { kind: "SPF", name, status: "warn", record, explanation: `The SPF record ends in "?all" (neutral): servers it does not list are neither trusted nor refused. Use "~all" or "-all".` };
  return { kind: "SPF", name, status: "ok", record, explanation: `SPF is published: only the servers it lists may send for ${domain}${all === "-all" ? " (others fail)" : all ? " (others soft-fail)" : ""}. Make sure your mail provider is one of them.` };
}

/** Relaxed DMARC alignment (RFC 7489 §3.1), approximated without the public suffix list: same domain or one inside the other. */
export const aligned = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

export function dkimPublicKey(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: "spki", format: "der" }).toString("base64");
}

function tags(record: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of record.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) m.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).replace(/\s+/g, ""));
  }
  return m;
}

export function assessDkim(fromDomain: string, dkim: DkimSetup, records: string[]): DomainCheck {
  if (!dkim)
    return { kind: "DKIM", name: fromDomain, status: "warn", record: null, explanation: `Proofmail does not sign its mail (DKIM_PRIVATE_KEY and DKIM_DOMAIN are not set). Your mail provider may sign for you; if not, DMARC can only pass through SPF, which breaks when a message is forwarded. See README: DKIM.` };
  const name = `${dkim.keySelector}._domainkey.${dkim.domainName}`;
  const ours = dkimPublicKey(dkim.privateKey);
  const keys = records.filter((r) => /(^|;)\s*p=/i.test(r));
  if (!keys.length)
    return { kind: "DKIM", name, status: "fail", record: null, explanation: `No DKIM key is published at ${name}, so every signature Proofmail makes fails. Publish a TXT record "v=DKIM1; k=rsa; p=${ours}".` };
  const record = keys[0];
  const p = tags(record).get("p") ?? "";
  if (!p) return { kind: "DKIM", name, status: "fail", record, explanation: `The key at ${name} is revoked (empty "p="). Publish the current public key.` };
  if (p !== ours)
    return { kind: "DKIM", name, status: "fail", record, explanation: `The key published at ${name} is not the key Proofmail signs with, so receivers reject the signature. Publish "p=${ours}".` };
  if (!aligned(dkim.domainName, fromDomain))
    return { kind: "DKIM", name, status: "warn", record, explanation: `The key matches, but it signs as ${dkim.domainName} while the mail is from ${fromDomain}: the signature verifies but does not count for DMARC. Sign with a key of ${fromDomain}.` };
  return { kind: "DKIM", name, status: "ok", record, explanation: `The published key matches the key Proofmail signs with, for ${dkim.domainName}.` };
}

export function assessDmarc(fromDomain: string, name: string, records: string[]): DomainCheck {
  const dmarc = records.filter((r) => /^v=DMARC1(\s|;|$)/i.test(r.trim()));
  if (!dmarc.length)
    return { kind: "DMARC", name, status: "fail", record: null, explanation: `${fromDomain} has no DMARC policy. Gmail and Yahoo require one of everyone who sends bulk mail. Start with a TXT record at _dmarc.${fromDomain}: "v=DMARC1; p=none; rua=mailto:dmarc@${fromDomain}", read the reports, then move to p=quarantine.` };
  if (dmarc.length > 1)
    return { kind: "DMARC", name, status: "fail", record: dmarc.join(" | "), explanation: `There are ${dmarc.length} DMARC records; receivers ignore them all (RFC 7489 §6.6.3). Keep one.` };
  const record = dmarc[0].trim();
  const policy = (tags(record).get("p") ?? "").toLowerCase();
  const reports = tags(record).has("rua") ? "" : ` Add "rua=mailto:…" to receive the reports that show who sends as you.`;
  if (policy === "quarantine" || policy === "reject")
    return { kind: "DMARC", name, status: "ok", record, explanation: `DMARC is set to "${policy}": mail that fails both SPF and DKIM alignment is ${policy === "reject" ? "refused" : "put in spam"}.${reports}` };
  if (policy === "none")
    return { kind: "DMARC", name, status: "warn", record, explanation: `DMARC is published with "p=none": enough for Gmail's and Yahoo's rules, but it only monitors; nobody is stopped from sending as ${fromDomain}.${reports}` };
  return { kind: "DMARC", name, status: "fail", record, explanation: `The DMARC record has no valid policy ("p=none", "quarantine" or "reject"), so receivers ignore it.` };
}

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();
/** The organisational domain's guess for the DMARC fallback: the last two labels. */
const parentOf = (domain: string) => domain.split(".").slice(-2).join(".");

async function txtOrError(lookup: TxtLookup, name: string): Promise<string[] | Error> {
  try {
    return await lookup(name);
  } catch (err) {
    return err as Error;
  }
}

const lookupFailed = (kind: DomainCheck["kind"], name: string, err: Error): DomainCheck =>
  ({ kind, name, status: "fail", record: null, explanation: `${err.message}. Try again later; if it persists, the domain's name servers do not answer.` });

/** The three checks for one From address. SPF is checked where receivers check it: the envelope sender's domain. */
export async function checkSendingDomain(opts: { fromEmail: string; envelopeDomain?: string | null; dkim: DkimSetup; lookup: TxtLookup }): Promise<DomainCheck[]> {
  const from = domainOf(opts.fromEmail);
  const envelope = opts.envelopeDomain?.toLowerCase() || from;
  const dkimName = opts.dkim ? `${opts.dkim.keySelector}._domainkey.${opts.dkim.domainName}` : null;
  const [spf, dkim, dmarc] = await Promise.all([
    txtOrError(opts.lookup, envelope),
    dkimName ? txtOrError(opts.lookup, dkimName) : Promise.resolve([]),
    txtOrError(opts.lookup, `_dmarc.${from}`),
  ]);
  // No record at the From domain: receivers fall back to the organisational domain's policy.
  let dmarcName = `_dmarc.${from}`;
  let dmarcRecords = dmarc;
  if (Array.isArray(dmarc) && !dmarc.some((r) => /^v=DMARC1/i.test(r)) && parentOf(from) !== from) {
    dmarcName = `_dmarc.${parentOf(from)}`;
    dmarcRecords = await txtOrError(opts.lookup, dmarcName);
  }
  return [
    spf instanceof Error ? lookupFailed("SPF", envelope, spf) : assessSpf(envelope, spf),
    dkim instanceof Error ? lookupFailed("DKIM", dkimName!, dkim) : assessDkim(from, opts.dkim, dkim),
    dmarcRecords instanceof Error ? lookupFailed("DMARC", dmarcName, dmarcRecords) : assessDmarc(from, dmarcName, dmarcRecords),
  ];
}
