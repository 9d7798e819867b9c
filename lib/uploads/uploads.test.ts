// Issue images end to end below the browser: what an upload accepts (by its bytes), where it is stored,
// how it is served, that alt text is required, and what a real send carries (SMTP sink).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { seedFormVersion, seedNewsletter, seedOrganisation, seedSubscriber, drainSend } from "../sending/testing/fixtures.ts";
import { createIssue, declareIssue, updateIssue } from "../sending/save-issue.ts";
import { sendTestIssue } from "../sending/preview-issue.ts";
import { startSend } from "../sending/start-send.ts";
import { MAX_UPLOAD_BYTES, readUpload, saveUpload } from "./save-upload.ts";
import { sniffImage } from "./sniff-image.ts";
import { gifHeader, jpegHeader, pngImage, webpHeader } from "./testing/images.ts";
import { GET as mediaGET } from "../../app/media/[key]/route.ts";
import { testMailLinkTarget } from "../sending/test-mail-link.ts";
import { unsubscribeToken, verifyTestLinkToken, verifyUnsubscribeToken } from "../subscribers/links.ts";

let sink: UsedSmtpSink;
beforeAll(async () => {
  sink = await useSmtpSink();
  await seedOrganisation();
});
afterAll(async () => {
  await sink.stop();
});

const staff = { id: "u-editor", email: "editor@fietsen.example" };
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe("image uploads", () => {
  it("sniffs PNG, JPEG, GIF and WebP with their size from the bytes; SVG, text and truncated files are no image", () => {
    expect(sniffImage(pngImage(800, 10))).toEqual({ type: "image/png", width: 800, height: 10 });
    expect(sniffImage(jpegHeader(640, 480))).toEqual({ type: "image/jpeg", width: 640, height: 480 });
    expect(sniffImage(gifHeader(120, 60))).toEqual({ type: "image/gif", width: 120, height: 60 });
    expect(sniffImage(webpHeader(1000, 500))).toEqual({ type: "image/webp", width: 1000, height: 500 });
    expect(sniffImage(svg)).toBeNull();
    expect(sniffImage(Buffer.from("%PDF-1.7 not an image"))).toBeNull();
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e]))).toBeNull();
  });

  it("stores an image under DATA_DIR with an Upload row (who, when, hash) and serves it with its type, nosniff and a long cache", async () => {
    const png = pngImage(800, 10);
    const r = await saveUpload({ bytes: png, actor: staff });
    if (!r.ok) throw new Error(r.refusal);
    expect(r.url).toMatch(new RegExp(`^${config().appUrl}/media/[A-Za-z0-9_-]{24}\\.png$`));
    const row = await db.upload.findUniqueOrThrow({ where: { key: r.key } });
    expect(row).toMatchObject({ contentType: "image/png", size: png.length, width: 800, height: 10, storage: "local", uploadedById: staff.id, sha256: createHash("sha256").update(png).digest("hex") });
    expect(row.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await readFile(path.join(config().dataDir, "uploads", r.key))).toEqual(png);
    expect(await db.auditLog.count({ where: { action: "upload.create", target: row.id } })).toBe(1);

    const res = await mediaGET(new Request(r.url), { params: Promise.resolve({ key: r.key }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
    // another key of the same shape, or a path, is not found / not valid: never a file outside the uploads
    expect((await mediaGET(new Request(`${config().appUrl}/media/x`), { params: Promise.resolve({ key: `${"A".repeat(24)}.png` }) })).status).toBe(404);
    expect((await mediaGET(new Request(`${config().appUrl}/media/x`), { params: Promise.resolve({ key: "../proofmail.db" }) })).status).toBe(400);
    // two uploads of the same bytes get two keys (nothing is overwritten)
    const again = await saveUpload({ bytes: png, actor: staff });
    expect(again.ok && again.key !== r.key).toBe(true);
  });

  it("refuses a renamed non-image, SVG, an empty and an oversized file, and writes nothing", async () => {
    const before = await db.upload.count();
    expect(await saveUpload({ bytes: Buffer.from("MZ this is an .exe renamed to photo.png"), actor: staff })).toEqual({ ok: false, refusal: "not_an_image" });
    expect(await saveUpload({ bytes: svg, actor: staff })).toEqual({ ok: false, refusal: "not_an_image" });
    expect(await saveUpload({ bytes: Buffer.alloc(0), actor: staff })).toEqual({ ok: false, refusal: "empty" });
    expect(await saveUpload({ bytes: Buffer.concat([pngImage(1, 1), Buffer.alloc(MAX_UPLOAD_BYTES)]), actor: staff })).toEqual({ ok: false, refusal: "too_large" });
    expect(await saveUpload({ bytes: null, actor: staff })).toEqual({ ok: false, refusal: "too_large" }); // the route's capped reader gave up
    expect(await db.upload.count()).toBe(before);
    expect(await readUpload("nothere")).toBeNull();
  });

  it("alt text is required: saving, a test send and a send refuse an image without it, with a field message", async () => {
    const nl = await seedNewsletter();
    const created = await createIssue({ newsletterId: nl.id, subject: "Zonder alt", actor: staff });
    if (!created.ok) throw new Error(created.error);
    const refused = await updateIssue({ issueId: created.issueId, input: { subject: "Zonder alt", preheader: "", bodyMarkdown: "Kijk:\n\n![](https://fietsen.example/a.png)\n\n![  ](https://fietsen.example/b.png)" }, actor: staff });
    expect(refused).toEqual({ ok: false, field: "bodyMarkdown", error: expect.stringContaining("2 images have no alt text") });
    // an issue stored without alt text (before this rule) is not test-sent or sent either
    await db.issue.update({ where: { id: created.issueId }, data: { bodyMarkdown: "![](https://fietsen.example/a.png)" } });
    expect(await sendTestIssue({ issueId: created.issueId, staff })).toEqual({ ok: false, error: expect.stringContaining("1 image has no alt text") });
    await declareIssue({ issueId: created.issueId, input: { categories: ["bikes"], thirdPartyPromotion: "no", basis: "consent", confirm: "yes" }, actor: staff });
    expect(await startSend({ issueId: created.issueId, actor: staff })).toEqual({ ok: false, error: expect.stringContaining("alt text") });
    expect((await db.issue.findUniqueOrThrow({ where: { id: created.issueId } })).status).toBe("draft");
  });

  it("a real send carries the responsive image with alt and width; the plain part has the alt text and footnotes, no tags or Markdown", async () => {
    const up = await saveUpload({ bytes: pngImage(800, 10), actor: staff });
    if (!up.ok) throw new Error(up.refusal);
    const nl = await seedNewsletter({ name: "Beeldnieuws" });
    const fv = await seedFormVersion([nl.id]);
    const person = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const created = await createIssue({ newsletterId: nl.id, subject: "Met beeld", actor: staff });
    if (!created.ok) throw new Error(created.error);
    const body = `# Nieuwe fiets\n\nBekijk **de** [collectie](https://fietsen.example/nieuw).\n\n![Een rode fiets [model 2027]](${up.url})\n\nOf de [sale](https://fietsen.example/sale).`;
    expect(await updateIssue({ issueId: created.issueId, input: { subject: "Met beeld", preheader: "", bodyMarkdown: body }, actor: staff })).toMatchObject({ ok: true });
    expect(await declareIssue({ issueId: created.issueId, input: { categories: ["bikes"], thirdPartyPromotion: "no", basis: "consent", confirm: "yes" }, actor: staff })).toMatchObject({ ok: true });
    const started = await startSend({ issueId: created.issueId, actor: staff });
    if (!started.ok) throw new Error(started.error);
    await drainSend(started.sendId);
    const m = await sink.waitFor((x) => x.parsed.subject === "Met beeld" && x.envelopeTo.includes(person.email));
    const html = String(m.parsed.html);
    const img = /<img\b[^>]*>/.exec(html)?.[0] ?? "";
    expect(img).toContain(`src="${up.url}"`);
    expect(img).toContain('alt="Een rode fiets [model 2027]"');
    expect(img).toContain('width="552"'); // 800 px wide, the column is 552
    expect(img).toMatch(/style="[^"]*max-width:100%;height:auto/);
    const text = String(m.parsed.text);
    expect(text).toContain("Bekijk de collectie [1].");
    expect(text).toContain("Een rode fiets [model 2027]");
    expect(text).toContain("Of de sale [2].");
    expect(text).toMatch(/\n\[1\] https:\/\/fietsen\.example\/nieuw\n\[2\] https:\/\/fietsen\.example\/sale\n/);
    expect(text).not.toContain(up.url);
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(text).not.toMatch(/\*\*|__|^#|\]\(|!\[|`/m);
  });

  it("a test mail's unsubscribe link names the issue, not a subscription: its page names the newsletter and nobody is unsubscribed", async () => {
    const nl = await seedNewsletter({ name: "Testnieuws" });
    const fv = await seedFormVersion([nl.id]);
    const person = await seedSubscriber({ newsletterId: nl.id, formVersionId: fv.id });
    const created = await createIssue({ newsletterId: nl.id, subject: "Proefje", actor: staff });
    if (!created.ok) throw new Error(created.error);
    expect(await sendTestIssue({ issueId: created.issueId, staff })).toEqual({ ok: true });
    const m = await sink.waitFor((x) => x.parsed.subject === "[TEST] Proefje");
    const link = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(m.raw)?.[1];
    expect(link).toMatch(new RegExp(`^${config().appUrl}/u/test\\.${created.issueId}\\.[A-Za-z0-9_-]{22}$`));
    expect(String(m.parsed.text)).toContain(link);
    const token = link!.split("/u/")[1];
    // what the link's page shows: the newsletter of the tested issue, in its language (the one-click POST is the e2e spec's)
    expect(await testMailLinkTarget(token)).toEqual({ newsletterName: "Testnieuws", lang: "nl" });
    expect(verifyTestLinkToken(token)).toBe(created.issueId);
    // a forged or foreign link is no test link, and no subscription's unsubscribe link either
    expect(await testMailLinkTarget(`test.${created.issueId}.${"A".repeat(22)}`)).toBeNull();
    expect(verifyUnsubscribeToken(token)).toBeNull();
    expect(await testMailLinkTarget(unsubscribeToken(person.subscription.id))).toBeNull();
    expect((await db.subscription.findUniqueOrThrow({ where: { id: person.subscription.id } })).status).toBe("confirmed");
  });
});
