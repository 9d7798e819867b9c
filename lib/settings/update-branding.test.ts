// Settings → Branding end to end on the real database and a real SMTP server: bad colours and bad logo bytes
// are refused per field with nothing written; a saved logo and colour reach the confirmation mail and a sent
// issue (logo URL, accent, the organisation's address), and a plain newsletter's mail carries none of it.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "../db/index.ts";
import { config } from "../config/index.ts";
import { useSmtpSink, type UsedSmtpSink } from "../testing/use-smtp-sink.ts";
import { seedForm, seedNewsletter, seedOrganisation, uid, ADMIN } from "../consent/test-helpers.ts";
import { submitSignup } from "../consent/submit-signup.ts";
import { confirmSignup } from "../consent/confirm-signup.ts";
import { startSend } from "../sending/start-send.ts";
import { deliverBatch } from "../sending/deliver-batch.ts";
import { seedIssue } from "../sending/testing/fixtures.ts";
import { translator } from "../i18n/translator.ts";
import { saveNewsletter } from "../newsletters/save-newsletter.ts";
import { updateBranding } from "./update-branding.ts";
import { getBranding, getLogo } from "./get-branding.ts";
import { accentColor, MAX_LOGO_BYTES } from "./branding.ts";

// A real 1×1 PNG.
const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

let sink: UsedSmtpSink;
beforeAll(async () => {
  sink = await useSmtpSink();
  await seedOrganisation({ brandColor: "", logo: null, logoType: "", logoHash: "" });
});
afterAll(async () => {
  await sink.stop();
});

const brandingRow = () => db.organisation.findUniqueOrThrow({ where: { id: 1 }, select: { brandColor: true, logoHash: true } });

async function drain(sendId: string) {
  const end = Date.now() + 30_000;
  for (;;) {
    const worked = await deliverBatch({ workerId: "branding-worker", options: { lockMs: 10_000, retryBaseMs: 50, maxAttempts: 3 } });
    if ((await db.send.findUnique({ where: { id: sendId } }))?.status !== "running") return;
    if (!worked) await new Promise((r) => setTimeout(r, 30));
    if (Date.now() > end) throw new Error("send did not finish");
  }
}

/** Signs up and confirms through the real functions; returns the confirmation mail's HTML. */
async function signUp(formVersionId: string, newsletterId: string, email: string) {
  await submitSignup({ formVersionId, email, newsletterIds: [newsletterId], via: "form", ip: "192.0.2.1", userAgent: "Vitest/1" });
  const optin = (await sink.waitFor((m) => m.envelopeTo.includes(email) && /\/confirm\//.test(m.parsed.text ?? ""))).parsed;
  const token = (optin.text ?? "").match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
  expect((await confirmSignup({ token, ip: "192.0.2.1", userAgent: "Vitest/1" })).state).toBe("confirmed");
  return String(optin.html);
}

async function sendIssue(newsletterId: string, email: string, subject: string) {
  const issue = await seedIssue(newsletterId, subject);
  const started = await startSend({ issueId: issue.id, actor: ADMIN });
  if (!started.ok) throw new Error(started.error);
  await drain(started.sendId);
  return String((await sink.waitFor((m) => m.envelopeTo.includes(email) && m.parsed.subject === subject)).parsed.html);
}

describe("Settings → Branding", () => {
  it("refuses a bad colour, SVG or other non-image bytes and an over-large logo, per field, writing nothing", async () => {
    const before = await brandingRow();
    const audits = await db.auditLog.count({ where: { action: "settings.branding" } });
    const t = translator("en", "branding");
    const cases = [
      [{ brandColor: "red", logo: null }, { brandColor: "colorInvalid" }],
      [{ brandColor: "#123456;background:url(x)", logo: null }, { brandColor: "colorInvalid" }],
      [{ brandColor: "#1d4ed8", logo: SVG }, { logo: "logoType" }],
      [{ brandColor: "#1d4ed8", logo: new TextEncoder().encode("GIF89a not accepted") }, { logo: "logoType" }],
      [{ brandColor: "#1d4ed8", logo: new Uint8Array([...PNG, ...new Uint8Array(MAX_LOGO_BYTES)]) }, { logo: "logoSize" }],
      [{ brandColor: "nope", logo: SVG }, { brandColor: "colorInvalid", logo: "logoType" }],
    ] as const;
    for (const [input, errors] of cases) {
      const r = await updateBranding({ actor: ADMIN, input: { ...input, removeLogo: false } });
      expect(r).toEqual({ ok: false, errors });
      // every key is a message staff can read
      for (const key of Object.values(errors)) expect(t(key)).toMatch(/\w{3,} .+\./);
    }
    expect(await brandingRow()).toEqual(before);
    expect(await db.auditLog.count({ where: { action: "settings.branding" } })).toBe(audits);
  });

  it("a newsletter's template is branded by default, can be plain, and nothing else", async () => {
    const input = (over: Record<string, unknown>) => ({
      slug: `tpl-${uid()}`, name: `Sjabloon ${uid()}`, description: "", language: "nl", fromName: "Fietsbond", fromEmail: "nieuws@fietsbond.test",
      replyTo: "", frequency: "", categories: [], similarMap: null, ...over,
    });
    expect(await saveNewsletter({ input: input({ template: "fancy" }), actor: ADMIN })).toEqual({ ok: false, errors: { template: "Choose a template." } });
    const byDefault = await saveNewsletter({ input: input({}), actor: ADMIN });
    const plain = await saveNewsletter({ input: input({ template: "plain" }), actor: ADMIN });
    if (!byDefault.ok || !plain.ok) throw new Error("not saved");
    expect((await db.newsletter.findUniqueOrThrow({ where: { id: byDefault.id } })).template).toBe("branded");
    expect((await db.newsletter.findUniqueOrThrow({ where: { id: plain.id } })).template).toBe("plain");
  });

  it("a saved logo and colour reach the confirmation mail and a sent issue with the address; a plain newsletter's mail carries none", async () => {
    expect(await updateBranding({ actor: ADMIN, input: { brandColor: "#0A7", logo: PNG, removeLogo: false } })).toEqual({ ok: true });
    const logo = await getLogo(db);
    expect(logo?.type).toBe("image/png");
    expect(Buffer.from(logo!.bytes).equals(Buffer.from(PNG))).toBe(true);
    const brand = (await getBranding(db))!;
    expect(brand.logoUrl).toBe(`${config().appUrl}/brand/logo?v=${logo!.hash.slice(0, 16)}`);
    // #00aa77 is too light for white text (3.2:1): mails use the darkened accent
    expect(brand.accent).toBe(accentColor("#00aa77"));
    expect(brand.accent).not.toBe("#00aa77");
    expect(await db.auditLog.count({ where: { action: "settings.branding" } })).toBeGreaterThan(0);

    const branded = await seedNewsletter(`Merk ${uid()}`);
    const { version } = await seedForm([branded.id]);
    const email = `merk-${uid()}@example.nl`;
    const confirmation = await signUp(version.id, branded.id, email);
    expect(confirmation).toContain(`src="${brand.logoUrl}"`);
    expect(confirmation).toContain(`background:${brand.accent}`);
    expect(confirmation).toContain("Dorpsstraat 1, Utrecht");

    const issueHtml = await sendIssue(branded.id, email, `Merkbrief ${uid()}`);
    expect(issueHtml).toContain(brand.logoUrl!);
    expect(issueHtml).toContain(brand.accent);
    expect(issueHtml).toContain("Dorpsstraat 1, Utrecht");

    const plain = await seedNewsletter(`Kaal ${uid()}`, { template: "plain" });
    const plainForm = await seedForm([plain.id]);
    const other = `kaal-${uid()}@example.nl`;
    const plainConfirmation = await signUp(plainForm.version.id, plain.id, other);
    expect(plainConfirmation).not.toContain("/brand/logo");
    const plainIssue = await sendIssue(plain.id, other, `Kale brief ${uid()}`);
    expect(plainIssue).not.toContain("/brand/logo");
    expect(plainIssue).not.toContain(brand.accent);
    expect(plainIssue).toContain("Dorpsstraat 1, Utrecht"); // the address is in every footer anyway

    // removing the logo keeps the colour; the URL then answers nothing
    expect(await updateBranding({ actor: ADMIN, input: { brandColor: "#0a7", logo: null, removeLogo: true } })).toEqual({ ok: true });
    expect(await getLogo(db)).toBeNull();
    expect(await getBranding(db)).toMatchObject({ logoUrl: null, accent: brand.accent });
  });
});
