// Privacy statement versions against the real database: drafts, publishing (inline and fetched from a
// real local HTTP server), the version each form version links to, and the consent snapshot and proof
// naming the statement in force for each event.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "../db/index.ts";
import { sha256 } from "../util/hash.ts";
import { seedForm, seedNewsletter, seedOrganisation, uid } from "../consent/test-helpers.ts";
import { getCurrentFormVersion } from "../consent/get-current-form-version.ts";
import { submitSignup } from "../consent/submit-signup.ts";
import { getConsentSnapshot } from "../consent/get-consent-snapshot.ts";
import { getProof } from "../export/get-proof.ts";
import { renderProofHtml } from "../export/render-proof-html.ts";
import { renderProofPdf } from "../export/render-proof-pdf.ts";
import { currentPrivacyStatement, getPrivacyStatementByNumber, getPrivacyStatementVersion, inForce, listPrivacyStatementVersions } from "./privacy-statement.ts";
import { getPrivacyStatementDraft, savePrivacyStatementDraft } from "./save-privacy-statement-draft.ts";
import { publishPrivacyStatement } from "./publish-privacy-statement.ts";
import { fetchPrivacyStatement } from "./fetch-privacy-statement.ts";

let staffId: string;
let base: string;
let server: http.Server;

// A real HTTP server with one route per case the fetch must handle.
const ROUTES: Record<string, (res: http.ServerResponse) => void> = {
  "/html": (res) => { res.writeHead(200, { "content-type": "text/html; charset=utf-8" }); res.end("<html><head><style>p{}</style><script>alert(1)</script></head><body><nav>Menu</nav><h1>Privacyverklaring</h1><p>Wij bewaren je adres <b>niet langer</b> dan nodig.</p><ul><li>Recht op inzage</li></ul></body></html>"); },
  "/md": (res) => { res.writeHead(200, { "content-type": "text/markdown" }); res.end("# Privacy\r\n\r\nWe keep **little**."); },
  "/plain": (res) => { res.writeHead(200, { "content-type": "text/plain; charset=iso-8859-1" }); res.end(Buffer.from("Privacyverklaring caf\xe9", "latin1")); },
  "/json": (res) => { res.writeHead(200, { "content-type": "application/json" }); res.end("{}"); },
  "/missing": (res) => { res.writeHead(404, { "content-type": "text/html" }); res.end("gone"); },
  "/big": (res) => { res.writeHead(200, { "content-type": "text/plain" }); res.end("x".repeat(1024 * 1024 + 1)); },
  // no content-length: the cap must hold while reading, not only on the header
  "/big-chunked": (res) => { res.writeHead(200, { "content-type": "text/plain" }); for (let i = 0; i < 11; i++) res.write("y".repeat(100 * 1024)); res.end(); },
  "/slow": () => { /* never answers */ },
  "/redirect": (res) => { res.writeHead(302, { location: "/md" }); res.end(); },
  "/redirect-file": (res) => { res.writeHead(302, { location: "file:///etc/passwd" }); res.end(); },
  "/empty": (res) => { res.writeHead(200, { "content-type": "text/html" }); res.end("<html><body>  </body></html>"); },
};

beforeAll(async () => {
  await seedOrganisation();
  staffId = (await db.user.create({ data: { email: `admin-${uid()}@example.org`, role: "admin" } })).id;
  server = http.createServer((req, res) => (ROUTES[req.url ?? ""] ?? ROUTES["/missing"])(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("drafts and published versions", () => {
  // First, while this file's database holds no statement: forms publish exactly as before.
  it("before any statement exists, a form publishes and links to the settings' privacy link", async () => {
    const n = await seedNewsletter("Geen verklaring");
    const { version } = await seedForm([n.id]);
    expect(version.privacyStatementVersionId).toBeNull();
    expect(version.privacyUrl).toBe("https://fietsbond.test/privacy");
    expect(version.renderedText).toContain("Privacyverklaring: https://fietsbond.test/privacy");
  });

  it("refuses to publish an empty draft and publishes nothing", async () => {
    expect(await publishPrivacyStatement({ language: "nl", staffId })).toMatchObject({ ok: false, field: "markdown" });
    expect(await db.privacyStatementVersion.count()).toBe(0);
    expect(await currentPrivacyStatement("nl")).toBeNull();
  });

  it("a saved draft overwrites the draft of its language only, and is not public", async () => {
    expect(await savePrivacyStatementDraft({ markdown: "# Eerste\r\n\r\nTekst.", language: "nl", staffId })).toMatchObject({ ok: true });
    expect(await savePrivacyStatementDraft({ markdown: "# Eerste versie\n\nWe bewaren je adres.", language: "nl", staffId })).toMatchObject({ ok: true });
    expect((await getPrivacyStatementDraft("nl")).markdown).toBe("# Eerste versie\n\nWe bewaren je adres.");
    expect((await getPrivacyStatementDraft("en")).markdown).toBe("");
    expect(await db.privacyStatementVersion.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: "privacy.draft" } })).toBe(2);
  });

  it("names the field of bad input", async () => {
    expect(await savePrivacyStatementDraft({ markdown: "x", language: "de" as "nl", staffId })).toMatchObject({ ok: false, errors: { language: expect.any(String) } });
    expect(await savePrivacyStatementDraft({ markdown: "x", language: "nl", staffId, hostedUrl: "ftp://example.org/p" })).toMatchObject({ ok: false, errors: { hostedUrl: expect.stringMatching(/https:\/\//) } });
    expect(await savePrivacyStatementDraft({ markdown: "x".repeat(200_001), language: "nl", staffId })).toMatchObject({ ok: false, errors: { markdown: expect.any(String) } });
    expect((await getPrivacyStatementDraft("nl")).markdown).toBe("# Eerste versie\n\nWe bewaren je adres.");
  });

  it("publishes immutable versions numbered across languages; the same text again is no new version", async () => {
    const v1 = await publishPrivacyStatement({ language: "nl", staffId });
    expect(v1).toMatchObject({ ok: true, created: true, version: { version: 1, language: "nl", source: "inline", sourceUrl: null, path: "/privacy/v/1", url: "http://localhost:3999/privacy/v/1" } });
    if (!v1.ok) return;
    expect(v1.version.sha256).toBe(sha256("# Eerste versie\n\nWe bewaren je adres."));
    expect(v1.version.publishedById).toBe(staffId);
    expect(await publishPrivacyStatement({ language: "nl", staffId })).toMatchObject({ ok: true, created: false, version: { id: v1.version.id } });

    await savePrivacyStatementDraft({ markdown: "# First version\n\nWe keep your address.", language: "en", staffId });
    expect(await publishPrivacyStatement({ language: "en", staffId })).toMatchObject({ ok: true, created: true, version: { version: 2, language: "en" } });
    await savePrivacyStatementDraft({ markdown: "# Tweede versie\n\nWe bewaren je adres een jaar.", language: "nl", staffId });
    expect(await publishPrivacyStatement({ language: "nl", staffId })).toMatchObject({ ok: true, created: true, version: { version: 3, language: "nl" } });

    expect((await currentPrivacyStatement("nl"))?.version).toBe(3);
    expect((await currentPrivacyStatement("en"))?.version).toBe(2);
    expect((await getPrivacyStatementVersion(v1.version.id))?.markdown).toBe("# Eerste versie\n\nWe bewaren je adres.");
    expect((await getPrivacyStatementByNumber(1))?.id).toBe(v1.version.id);
    expect(await getPrivacyStatementByNumber(99)).toBeNull();
    expect(await getPrivacyStatementVersion("nope")).toBeNull();
    expect(await db.auditLog.count({ where: { action: "privacy.publish" } })).toBe(3);

    // in force per language: nl v1 until nl v3, en v2 still in force
    const all = await listPrivacyStatementVersions();
    expect(all.map((v) => v.version)).toEqual([3, 2, 1]);
    const v3 = all[0];
    expect(inForce(all[2], all)).toEqual({ from: all[2].publishedAt, until: v3.publishedAt, successor: 3 });
    expect(inForce(all[1], all)).toEqual({ from: all[1].publishedAt, until: null, successor: null });
  });
});

describe("the version each form version links to", () => {
  it("a form links to the version in force in its language; a new statement makes a new form version", async () => {
    const n = await seedNewsletter("Privacy");
    const { form, version: v1 } = await seedForm([n.id]);
    expect(v1.privacyStatementVersionId).toBe((await currentPrivacyStatement("nl"))!.id);
    const line = (v1.definition as { lines: { kind: string; href?: string }[] }).lines.find((l) => l.kind === "privacy");
    expect(line?.href).toBe("http://localhost:3999/privacy/v/3");
    expect(v1.privacyUrl).toBe("http://localhost:3999/privacy/v/3");
    expect(v1.renderedText).toContain("Privacyverklaring: http://localhost:3999/privacy/v/3");

    // an English form links to the English statement
    const { version: en } = await seedForm([n.id], { language: "en" });
    expect(en.privacyUrl).toBe("http://localhost:3999/privacy/v/2");

    // a new statement: the form shows a new version linking to it; the old version still points to v3
    await savePrivacyStatementDraft({ markdown: "# Derde versie", language: "nl", staffId });
    const v4 = await publishPrivacyStatement({ language: "nl", staffId });
    expect(v4).toMatchObject({ ok: true, version: { version: 4 } });
    const shown = await getCurrentFormVersion({ formSlug: form.slug });
    expect(shown).toMatchObject({ state: "ok", version: { version: 2, privacyUrl: "http://localhost:3999/privacy/v/4" } });
    if (shown.state === "ok" && v4.ok) expect(shown.version.privacyStatementVersionId).toBe(v4.version.id);
    expect((await db.formVersion.findUniqueOrThrow({ where: { id: v1.id } })).privacyStatementVersionId).toBe((await getPrivacyStatementByNumber(3))!.id);
    // shown again without a change: no new version
    expect(await getCurrentFormVersion({ formSlug: form.slug })).toMatchObject({ state: "ok", version: { version: 2 } });
  });

  it("with a statement published, a form publishes even when the settings hold no privacy link", async () => {
    await seedOrganisation({ privacyUrl: "" });
    try {
      const n = await seedNewsletter("Zonder link");
      const { version } = await seedForm([n.id]);
      expect(version.privacyUrl).toBe("http://localhost:3999/privacy/v/4");
    } finally {
      await seedOrganisation();
    }
  });
});

describe("the consent snapshot and proof name the statement in force", () => {
  it("per event, through the form version: number, link and hash", async () => {
    const n = await seedNewsletter("Bewijs");
    const { version } = await seedForm([n.id]);
    const email = `proof-${uid()}@example.nl`;
    expect(await submitSignup({ formVersionId: version.id, email, newsletterIds: [n.id], via: "form", ip: "10.0.0.1", userAgent: "t" })).toMatchObject({ ok: true });
    const sub = await db.subscription.findFirstOrThrow({ where: { newsletterId: n.id } });
    const v4 = (await getPrivacyStatementByNumber(4))!;
    const ref = { id: v4.id, version: 4, language: "nl", url: "http://localhost:3999/privacy/v/4", sha256: v4.sha256 };

    const snap = (await getConsentSnapshot({ subscriptionId: sub.id }))!;
    expect(snap.formVersion?.privacyStatement).toMatchObject(ref);
    const signup = snap.events.find((e) => e.type === "signup")!;
    expect(signup.privacyStatement).toMatchObject(ref);

    const doc = (await getProof({ subscriberId: sub.subscriberId }))!;
    expect(doc.formVersions.find((v) => v.id === version.id)?.privacyStatement).toMatchObject(ref);
    expect(doc.events.find((e) => e.type === "signup")?.privacyStatement).toMatchObject(ref);
    const html = renderProofHtml(doc);
    expect(html).toContain(`version 4 (nl) <a href="http://localhost:3999/privacy/v/4">`);
    expect(html).toContain(v4.sha256.slice(0, 16));
    // the text pdfkit drew: its hex-encoded strings, decoded
    const pdf = [...(await renderProofPdf(doc, "en")).toString("latin1").matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("");
    expect(pdf).toContain(`Privacy statement: version 4 (nl), http://localhost:3999/privacy/v/4, sha256 ${v4.sha256}`);
  });

  it("an old form version without a statement has none, and the proof says the link had no text kept", async () => {
    const n = await seedNewsletter("Oud");
    const { form } = await seedForm([n.id]);
    // as rows published before statements were kept: no statement, a link to the settings' page
    const old = await db.formVersion.findFirstOrThrow({ where: { formId: form.id } });
    await db.formVersion.update({ where: { id: old.id }, data: { privacyStatementVersionId: null, privacyUrl: "https://fietsbond.test/privacy" } });
    await submitSignup({ formVersionId: old.id, email: `old-${uid()}@example.nl`, newsletterIds: [n.id], via: "form", ip: "10.0.0.1", userAgent: "t" });
    const sub = await db.subscription.findFirstOrThrow({ where: { newsletterId: n.id } });
    const snap = (await getConsentSnapshot({ subscriptionId: sub.id }))!;
    expect(snap.formVersion?.privacyStatement).toBeNull();
    expect(snap.events.find((e) => e.type === "signup")?.privacyStatement).toBeNull();
    const html = renderProofHtml((await getProof({ subscriberId: sub.subscriberId }))!);
    expect(html).toContain("https://fietsbond.test/privacy (no text kept)");
  });
});

describe("a statement hosted elsewhere, fetched at publish time", () => {
  it("turns HTML into text, keeps Markdown and plain text, follows an http redirect", async () => {
    const html = await fetchPrivacyStatement(`${base}/html`);
    expect(html).toMatchObject({ ok: true, contentType: "text/html" });
    if (html.ok) {
      expect(html.text).toContain("Privacyverklaring");
      expect(html.text).toContain("Wij bewaren je adres niet langer dan nodig.");
      expect(html.text).toMatch(/\* Recht op inzage/);
      expect(html.text).not.toMatch(/<|alert|Menu/);
    }
    expect(await fetchPrivacyStatement(`${base}/md`)).toMatchObject({ ok: true, text: "# Privacy\n\nWe keep **little**." });
    expect(await fetchPrivacyStatement(`${base}/plain`)).toMatchObject({ ok: true, text: "Privacyverklaring café" });
    expect(await fetchPrivacyStatement(`${base}/redirect`)).toMatchObject({ ok: true, text: "# Privacy\n\nWe keep **little**.", url: `${base}/md` });
  });

  it("refuses other types, errors, pages over 1 MB, slow servers, other schemes, empty pages", async () => {
    const cases: [string, RegExp][] = [
      [`${base}/json`, /application\/json, not text\/html/],
      [`${base}/missing`, /answered 404/],
      [`${base}/big`, /larger than 1 MB/],
      [`${base}/big-chunked`, /larger than 1 MB/],
      [`${base}/redirect-file`, /only http:\/\/ and https:\/\//],
      [`${base}/empty`, /no text/],
      ["ftp://127.0.0.1/x", /only http:\/\/ and https:\/\//],
      ["not a link", /not a link/],
      ["http://127.0.0.1:1/", /could not be reached/],
    ];
    for (const [url, message] of cases) expect(await fetchPrivacyStatement(url), url).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    const started = Date.now();
    expect(await fetchPrivacyStatement(`${base}/slow`, { timeoutMs: 300 })).toMatchObject({ ok: false, message: expect.stringMatching(/no answer within 0.3 s/) });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("publishes the fetched text with its source; a failed fetch refuses the publish and changes nothing", async () => {
    expect(await savePrivacyStatementDraft({ markdown: "", language: "en", staffId, hostedUrl: `${base}/html` })).toMatchObject({ ok: true, draft: { hostedUrl: `${base}/html` } });
    const r = await publishPrivacyStatement({ language: "en", staffId });
    expect(r).toMatchObject({ ok: true, created: true, version: { version: 5, language: "en", source: "fetched", sourceUrl: `${base}/html` } });
    if (r.ok) {
      expect(r.version.markdown).toContain("Wij bewaren je adres niet langer dan nodig.");
      expect(r.version.sha256).toBe(sha256(r.version.markdown));
    }

    const before = { versions: await db.privacyStatementVersion.count(), formVersions: await db.formVersion.count(), audit: await db.auditLog.count({ where: { action: "privacy.publish" } }) };
    await savePrivacyStatementDraft({ markdown: "", language: "en", staffId, hostedUrl: `${base}/slow` });
    expect(await publishPrivacyStatement({ language: "en", staffId, fetchOptions: { timeoutMs: 300 } })).toMatchObject({ ok: false, field: "hostedUrl", message: expect.stringMatching(/^Could not fetch .*no answer/) });
    await savePrivacyStatementDraft({ markdown: "", language: "en", staffId, hostedUrl: `${base}/json` });
    expect(await publishPrivacyStatement({ language: "en", staffId })).toMatchObject({ ok: false, field: "hostedUrl" });
    expect({ versions: await db.privacyStatementVersion.count(), formVersions: await db.formVersion.count(), audit: await db.auditLog.count({ where: { action: "privacy.publish" } }) }).toEqual(before);
    expect((await currentPrivacyStatement("en"))?.version).toBe(5);
  });
});
