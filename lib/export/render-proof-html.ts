// The consent proof as one self-contained HTML document (no scripts, no external assets), to read in
// the browser, print, or archive. The form text is shown verbatim (the exact hashed text) and laid out
// line by line as the public page showed it.
import { escapeHtml as h } from "../util/escape-html.ts";
import type { ProofDocument } from "./get-proof.ts";

type Line = NonNullable<ProofDocument["formVersions"][number]["lines"]>[number];

// One line of the form as the public page laid it out: boxes shown unticked, as every box was.
function renderLine(l: Line): string {
  switch (l.kind) {
    case "title": return `<p class="title">${h(l.text)}</p>`;
    case "checkbox": return `<p>☐ ${h(l.text)}</p>`;
    case "field": return `<p>${h(l.text)} <span class="input">&nbsp;</span></p>`;
    case "age-option": return `<p>○ ${h(l.text)}</p>`;
    case "privacy": return `<p>${h(l.prefix)} <a href="${h(l.href)}">${h(l.text)}</a></p>`;
    case "submit": return `<p><span class="button">${h(l.text)}</span></p>`;
    default: return `<p>${h(l.text)}</p>`;
  }
}

type Statement = ProofDocument["formVersions"][number]["privacyStatement"];

// The privacy statement version in force: its number, the link to its kept text and that text's hash.
const statement = (p: Statement) =>
  p ? `<span data-testid="privacy-statement">version ${p.version} (${h(p.language)}) <a href="${h(p.url)}">${h(p.url)}</a> sha256 <code title="${h(p.sha256)}">${h(p.sha256.slice(0, 16))}…</code></span>` : "";

const row = (k: string, v: unknown) => `<tr><th>${h(k)}</th><td>${h(v === null || v === undefined || v === "" ? "—" : String(v))}</td></tr>`;

export function renderProofHtml(doc: ProofDocument): string {
  const fv = doc.formVersions
    .map(
      (v) => `<section class="fv" id="fv-${h(v.id)}">
<h3>Form “${h(v.form.slug)}” — version ${v.version} (${h(v.language)})</h3>
<table>${row("Form version id", v.id)}${row("Published", v.publishedAt)}${row("Controller", v.controllerIdentity)}${v.privacyStatement ? `<tr><th>Privacy statement</th><td>${statement(v.privacyStatement)}</td></tr>` : row("Privacy statement", v.privacyUrl ? `${v.privacyUrl} (no text kept)` : "")}${row("Retention", v.retentionStatement)}
<tr><th>Content hash (sha256)</th><td><code data-testid="form-hash">${h(v.contentHash)}</code> ${v.hashMatchesText ? "✔ matches the text below" : "✘ DOES NOT match the text below"}</td></tr></table>
<h4>Exact text shown</h4><pre class="text">${h(v.renderedText)}</pre>
${v.lines ? `<h4>As the form showed it</h4><div class="form">${v.lines.map(renderLine).join("")}</div>` : ""}
</section>`,
    )
    .join("\n");
  const subs = doc.subscriptions
    .map((s) => `<tr><td>${h(s.newsletter.name)}</td><td>${h(s.status)}</td><td>${h(s.basis)}</td><td>${h(s.method ?? "—")}</td><td>${h(s.source)}</td><td>${h(s.givenAt ?? "—")}</td><td>${h(s.confirmedAt ?? "—")}</td><td>${h(s.unsubscribedAt ?? "—")}</td><td>${s.formVersionId ? `<a href="#fv-${h(s.formVersionId)}">${h(s.formVersionId)}</a>` : "—"}</td><td>${h(s.proofReference ?? "—")}</td></tr>`)
    .join("");
  const events = doc.events
    .map((e) => `<tr><td>${e.seq}</td><td>${h(e.type)}</td><td>${h(e.at)}</td><td>${h(e.ip ?? "—")}</td><td>${h(e.userAgent ?? "—")}</td><td>${e.formVersionId ? `<a href="#fv-${h(e.formVersionId)}">${h(e.formVersionId)}</a>` : "—"}</td><td>${statement(e.privacyStatement) || "—"}</td><td>${h(e.actor)}</td><td><code>${h(e.details ? JSON.stringify(e.details) : "")}</code></td><td><code title="${h(e.hash)}">${h(e.hash.slice(0, 16))}…</code> ${e.hashOk ? "✔" : "✘"}</td></tr>`)
    .join("");
  const mails = doc.confirmationEmails.map((m) => `<section><p><strong>${h(m.at)}</strong> — ${h(m.subject)}</p><pre class="text">${h(m.text)}</pre></section>`).join("") || "<p>No confirmation email is recorded.</p>";
  const messages = doc.messages
    .map((m) => `<tr data-testid="sent-message"><td>${h(m.subject)}</td><td>${h(m.newsletter.name)}</td><td>${h(m.sentAt ?? "—")}</td><td>${h(m.basis ?? "—")}</td><td><code>${h(m.reason ?? "—")}</code></td><td><code>${h(m.rulesVersion ?? "—")}</code></td><td>${h(m.decidedAt ?? "—")}</td><td><code title="${h(m.factsHash ?? "")}">${h(m.factsHash ?? "—")}</code></td></tr>`)
    .join("");
  const purchases = doc.purchases.map((p) => `<tr><td>${h(p.at)}</td><td>${h(p.category)}</td><td>${p.optOutOfferedAtCollection ? "yes" : "no"}</td><td>${p.objected ? "yes" : "no"}</td><td>${h(p.source)}</td></tr>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Consent proof — ${h(doc.subscriber.email)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f4f4f5}pre.text{white-space:pre-wrap;background:#f8fafc;border:1px solid #ddd;padding:.75rem}.form{border:1px solid #ccc;padding:1rem;max-width:40rem}.form .title{font-size:1.2em;font-weight:600}.input{display:inline-block;width:12rem;border:1px solid #999}.button{border:1px solid #555;padding:2px 8px;border-radius:4px}code{word-break:break-all}</style></head>
<body>
<h1>Consent proof</h1>
<table>${row("Subscriber", doc.subscriber.email)}${row("Name", doc.subscriber.name)}${row("Subscriber id", doc.subscriber.id)}${row("Controller", doc.controller?.name)}${row("Generated", doc.generatedAt)}</table>
<h2>Subscriptions</h2>
<table><thead><tr><th>Newsletter</th><th>Status</th><th>Basis</th><th>Method</th><th>Source</th><th>Given</th><th>Confirmed</th><th>Unsubscribed</th><th>Form version</th><th>Proof reference</th></tr></thead><tbody>${subs}</tbody></table>
<h2>Form text shown</h2>
${fv || "<p>No form version is recorded.</p>"}
<h2>Confirmation emails sent</h2>
${mails}
<h2>Messages sent</h2>
${messages ? `<p>Every message sent to this person (${doc.messages.length}), each with the send gate's decision as it was made right before sending: the basis it checked, its reason code, the version of the rules, the moment of the decision and the sha256 of the facts it saw (canonical JSON, lib/export/README.md).</p>
<table><thead><tr><th>Issue</th><th>Newsletter</th><th>Sent (UTC)</th><th>Basis</th><th>Reason</th><th>Rules version</th><th>Decided (UTC)</th><th>Facts hash (sha256)</th></tr></thead><tbody>${messages}</tbody></table>` : "<p>No message has been sent to this person.</p>"}
<h2>Ledger events</h2>
<table><thead><tr><th>#</th><th>Event</th><th>Time (UTC)</th><th>IP</th><th>User agent</th><th>Form version</th><th>Privacy statement</th><th>Actor</th><th>Details</th><th>Hash</th></tr></thead><tbody>${events}</tbody></table>
<h3>Signed ledger head</h3>
<p>The ledger's head when this proof was made, signed with the organisation's Ed25519 key (its public key is at /.well-known/proofmail-ledger.json). The JSON form of this proof can be checked by anyone: <code>npm run proof:verify -- FILE</code> (lib/export/README.md).</p>
<table>${row("Event", String(doc.ledgerHead.statement.seq))}${row("Hash", doc.ledgerHead.statement.hash)}${row("Signed at", doc.ledgerHead.statement.at)}${row("Key id", doc.ledgerHead.statement.keyId)}${row("Signature", doc.ledgerHead.signature)}</table>
${purchases ? `<h2>Purchases</h2><table><thead><tr><th>Date</th><th>Category</th><th>Opt-out offered</th><th>Objected</th><th>Source</th></tr></thead><tbody>${purchases}</tbody></table>` : ""}
</body></html>`;
}
