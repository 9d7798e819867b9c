// Objections by any channel (issue 11, Deliver 4 and 8), in Chromium against the built app, a real SMTP
// server and the real database: staff record a phone objection on the subscriber page (ledger event with
// the channel, a suppression, the next send skips them); an editor records one by address on the Objections
// page (the same answer for a subscriber and a stranger); a reply to the mailto List-Unsubscribe address is
// recorded from its subject; an admin suppresses an address that is no subscriber, so an import does not
// subscribe it and a signup by that person gets the double opt-in mail and nothing else until they
// confirm. Every captured newsletter has both List-Unsubscribe entries and still passes RFC 8058.
import { test, expect, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { adminState, signInByMagicLink } from "./support/staff";
import { firstLink, mailTo, waitForMail } from "./support/mail";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./support/db";
import { saveAndDeclare } from "./support/declare";
import { composeIssue, sendFromReport } from "./support/issues";

test.use({ storageState: adminState() });
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const since = () => new Date(Date.now() - 86_400_000);

async function setup() {
  const db = await e2eDb();
  const fx = await e2eFixtures();
  await ensureOrganisation();
  const { suppressionKey } = await import("../lib/subscribers/suppression.ts");
  return { db, fx, suppressionKey };
}

async function sendIssue(page: Page, newsletterName: string, subject: string, expectRecipients: RegExp, excludedRow?: RegExp) {
  await composeIssue(page, newsletterName, subject, `Nieuws ${subject}.`);
  await saveAndDeclare(page);
  await page.getByRole("button", { name: "Save and review the send" }).click();
  await expect(page.getByTestId("report-recipients")).toContainText(expectRecipients);
  if (excludedRow) await expect(page.getByTestId("report-excluded").getByRole("row", { name: excludedRow })).toBeVisible();
  await sendFromReport(page);
}

/** RFC 2369 entries of a captured message: the https URL and the mailto alternative, with one token. */
function listUnsubscribe(mail: ParsedMail) {
  const header = (k: string) => mail.headerLines.find((h) => h.key === k)?.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ");
  expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  const entries = header("list-unsubscribe")!.split(/,\s*/).map((e) => e.replace(/^<|>$/g, ""));
  expect(entries).toHaveLength(2);
  const [https, mailto] = entries;
  expect(https).toMatch(/^https?:\/\/[^\s]+\/u\/[A-Za-z0-9._-]+$/);
  const token = https.split("/u/")[1];
  expect(mailto).toMatch(/^mailto:[^\s?@]+@[^\s?]+\?subject=unsubscribe%20[A-Za-z0-9._-]+$/);
  expect(mailto.split("?subject=")[1]).toBe(`unsubscribe%20${token}`);
  return { https, mailto, subject: decodeURIComponent(mailto.split("?subject=")[1]) };
}

async function oneClick(request: import("@playwright/test").APIRequestContext, url: string) {
  const post = await request.post(url, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click", maxRedirects: 0 });
  expect(post.status()).toBe(200);
  expect(post.headers()["set-cookie"]).toBeUndefined();
}

test("staff record a phone objection: ledger event with the channel, suppression, the next send skips them; a mailto reply is recorded from its subject", async ({ page, request }) => {
  const { db, fx, suppressionKey } = await setup();
  const a = await fx.createNewsletterWithForm({ name: `Bezwaar A ${run}` });
  const [objector, stays, replier] = ["objector", "stays", "replier"].map((k) => `${k}-${run}@example.nl`);
  const people = new Map<string, Awaited<ReturnType<typeof fx.createSubscriber>>>();
  for (const email of [objector, stays, replier])
    people.set(email, await fx.createSubscriber({ email, subscriptions: [{ newsletterId: a.newsletter.id, formVersionId: a.formVersion.id, status: "confirmed", createdAt: since() }] }));

  // --- the phone call, recorded on the subscriber page ---
  const o = people.get(objector)!;
  await page.goto(`/admin/subscribers/${o.subscriber.id}`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Record", exact: true }) });
  await expect(form.locator("select[name=scope]")).toBeVisible();
  await form.locator("select[name=kind]").selectOption("objection");
  await form.locator("select[name=scope]").selectOption({ label: a.newsletter.name });
  await form.locator("select[name=channel]").selectOption("phone");
  await form.locator("textarea[name=note]").fill("Belde de winkel op maandag");
  await form.getByRole("button", { name: "Record", exact: true }).click();
  await expect(form.getByRole("status")).toHaveText(`Recorded for ${a.newsletter.name}.`);
  // the subscriber's history shows it, with its channel and note
  const timeline = page.getByRole("list", { name: "Consent timeline" });
  await expect(timeline).toContainText("objection");
  await expect(timeline).toContainText("channel: phone");
  await expect(timeline).toContainText("note: Belde de winkel op maandag");

  const event = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: o.subscriber.id, type: "objection" } });
  expect(event).toMatchObject({ subscriptionId: o.subscriptions[0].id, newsletterIds: [a.newsletter.id], actor: expect.stringMatching(/^user:/) });
  expect(event.details).toEqual({ via: "staff", scope: a.newsletter.id, channel: "phone", note: "Belde de winkel op maandag" });
  expect(await db.suppression.findMany({ where: { keyHash: suppressionKey(objector) }, select: { scope: true, reason: true } })).toEqual([{ scope: a.newsletter.id, reason: "objection" }]);
  expect(await db.auditLog.count({ where: { action: "subscriber.objection", target: o.subscriber.id } })).toBe(1);

  // --- the next send skips them ---
  const subject = `Voorjaar ${run}`;
  await sendIssue(page, a.newsletter.name, subject, /2 recipients will receive this issue/, /unsubscribed or objected DENY_SUPPRESSED 1/);
  const [stayMail, replyMail] = [await waitForMail(stays, (m) => m.subject === subject), await waitForMail(replier, (m) => m.subject === subject)];
  expect((await mailTo(objector)).filter((m) => m.subject === subject)).toHaveLength(0);
  expect(await db.delivery.findFirst({ where: { subscriberId: o.subscriber.id, issue: { subject } } })).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });

  // --- every captured newsletter has both entries; the https one still does RFC 8058 one-click ---
  const stayLinks = listUnsubscribe(stayMail);
  const replyLinks = listUnsubscribe(replyMail);
  await oneClick(request, stayLinks.https);
  expect((await db.subscription.findUniqueOrThrow({ where: { id: people.get(stays)!.subscriptions[0].id } })).status).toBe("unsubscribed");

  // --- a reply to the mailto address reaches staff: its subject records the withdrawal ---
  await page.goto("/admin/suppressions");
  const reply = page.locator("form").filter({ has: page.getByRole("button", { name: "Record withdrawal" }) });
  await reply.getByLabel("Subject line of the reply").fill("unsubscribe not-a-real-code");
  await reply.getByRole("button", { name: "Record withdrawal" }).click();
  await expect(reply.getByRole("alert")).toContainText("No valid unsubscribe code found");
  await expect(reply.getByLabel("Subject line of the reply")).toHaveValue("unsubscribe not-a-real-code");
  await reply.getByLabel("Subject line of the reply").fill(`Re: ${replyLinks.subject}`);
  await reply.getByRole("button", { name: "Record withdrawal" }).click();
  await expect(reply.getByRole("status")).toHaveText(`Withdrawal recorded for ${a.newsletter.name}.`);
  const r = people.get(replier)!;
  expect((await db.subscription.findUniqueOrThrow({ where: { id: r.subscriptions[0].id } })).status).toBe("unsubscribed");
  const withdraw = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: r.subscriber.id, type: "withdraw" } });
  expect(withdraw.details).toMatchObject({ via: "mailto", channel: "reply-mail", scope: a.newsletter.id });
  await expect(page.locator("main")).not.toContainText(replier);
});

test("an admin suppresses a non-subscriber address: an import does not subscribe it; their signup gets only the DOI mail until they confirm", async ({ page, request }) => {
  const { db, fx, suppressionKey } = await setup();
  const b = await fx.createNewsletterWithForm({ name: `Onderdrukt B ${run}` });
  const outsider = `outsider-${run}@example.nl`;
  const reader = `reader-${run}@example.nl`;
  await fx.createSubscriber({ email: reader, subscriptions: [{ newsletterId: b.newsletter.id, formVersionId: b.formVersion.id, status: "confirmed", createdAt: since() }] });

  // --- the suppression list: invalid lines by number, nothing written, what was typed stays ---
  await page.goto("/admin/suppressions");
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add to the suppression list" }) });
  const entries = await db.suppression.count();
  await add.getByLabel(/^Addresses, one per line/).fill(`niet een adres\n${outsider}\n`);
  await add.getByLabel("Reason").selectOption("objection");
  await add.getByRole("button", { name: "Add to the suppression list" }).click();
  await expect(add.getByRole("alert")).toContainText("1 line(s) are not valid e-mail addresses; nothing was added.");
  await expect(add.getByRole("list", { name: "Invalid lines" })).toContainText("Line 1:");
  await expect(add.getByLabel(/^Addresses, one per line/)).toHaveValue(`niet een adres\n${outsider}\n`);
  expect(await db.suppression.count()).toBe(entries);

  await add.getByLabel(/^Addresses, one per line/).fill(outsider);
  await add.getByRole("button", { name: "Add to the suppression list" }).click();
  await expect(add.getByRole("status")).toHaveText("1 address(es) are on the suppression list.");
  await expect(page.getByRole("table", { name: "Suppression entries by reason" }).getByRole("row", { name: /^Objection \d+$/ })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(outsider);
  expect(await db.suppression.findMany({ where: { keyHash: suppressionKey(outsider) }, select: { scope: true, reason: true } })).toEqual([{ scope: "all", reason: "objection" }]);
  expect(await db.subscriber.count({ where: { email: outsider } })).toBe(0);
  expect(JSON.stringify(await db.auditLog.findFirstOrThrow({ where: { action: "suppression.add" }, orderBy: { at: "desc" } }))).not.toContain(outsider);

  // --- an import of that address does not subscribe it ---
  const csv = ["email,proof_reference,consent_at,confirmed_at", `${outsider},archive/1,2024-01-02T10:00:00Z,2024-01-02T10:05:00Z`].join("\n");
  await page.goto("/admin/imports");
  await page.getByLabel(/CSV file/).setInputFiles({ name: `suppressed-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel("Newsletter").selectOption(b.newsletter.id);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "rows accepted" })).toContainText("Imported: 0 of 1 rows accepted, 1 rejected.");
  await expect(page.getByRole("region", { name: "Import report" })).toContainText("SUPPRESSED");
  expect(await db.subscription.count({ where: { subscriber: { email: outsider } } })).toBe(0);

  // --- they sign up themselves: exactly the double opt-in mail, decided by the gate ---
  const signup = await request.post("/api/subscribe", { data: { formVersionId: b.formVersion.id, email: outsider, newsletterIds: [b.newsletter.id] }, headers: { "content-type": "application/json" } });
  expect(signup.status()).toBe(202); // accepted; the mail work runs after the answer
  const doi = await waitForMail(outsider, (m) => (m.subject ?? "").startsWith("Bevestig je aanmelding"));
  expect(doi.subject).toBe(`Bevestig je aanmelding voor ${b.newsletter.name}`);
  const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: outsider } });
  await expect.poll(async () => (await db.consentEvent.findFirst({ where: { subscriberId: subscriber.id, type: "optin_sent" } }))?.details).toMatchObject({ decision: "ALLOW_CONFIRMATION_REQUEST" });

  // --- nothing else reaches them until they confirm ---
  const before = `Onbevestigd ${run}`;
  await sendIssue(page, b.newsletter.name, before, /1 recipient will receive this issue/, /unsubscribed or objected DENY_SUPPRESSED 1/);
  listUnsubscribe(await waitForMail(reader, (m) => m.subject === before));
  expect((await mailTo(outsider)).map((m) => m.subject)).toEqual([doi.subject]);

  // --- their own confirmed DOI, after the objection, reopens this newsletter (E2, R-UNSUBSCRIBED-STAYS) ---
  await page.goto(firstLink(doi, /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByRole("heading", { name: "Je bent aangemeld" })).toBeVisible();
  expect(await db.suppression.count({ where: { keyHash: suppressionKey(outsider) } })).toBe(1); // the entry stays
  const after = `Bevestigd ${run}`;
  await sendIssue(page, b.newsletter.name, after, /2 recipients will receive this issue/);
  const got = await waitForMail(outsider, (m) => m.subject === after);
  const links = listUnsubscribe(got);
  await oneClick(request, links.https);
  expect((await db.subscription.findFirstOrThrow({ where: { subscriberId: subscriber.id } })).status).toBe("unsubscribed");
});

test("an editor records a phone objection by address: ledger event with the channel, suppression, the same answer for a stranger, and the next send skips them", async ({ browser }) => {
  const { db, fx, suppressionKey } = await setup();
  const c = await fx.createNewsletterWithForm({ name: `Per adres C ${run}` });
  const [caller, keeper, stranger] = ["caller", "keeper", "stranger"].map((k) => `${k}-${run}@example.nl`);
  const people = new Map<string, Awaited<ReturnType<typeof fx.createSubscriber>>>();
  for (const email of [caller, keeper])
    people.set(email, await fx.createSubscriber({ email, subscriptions: [{ newsletterId: c.newsletter.id, formVersionId: c.formVersion.id, status: "confirmed", createdAt: since() }] }));

  // an editor (no subscriber data for them), signed in by magic link in a context of their own
  const editorEmail = `editor-objections-${run}@example.org`;
  const editor = await db.user.create({ data: { email: editorEmail, role: "editor" } });
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await signInByMagicLink(page, editorEmail);
  await expect(page.getByTestId("staff")).toHaveText(`${editorEmail} (editor)`);

  await page.goto("/admin/suppressions");
  const form = page.getByRole("form", { name: "Record by address" });
  const fill = async (email: string, note: string) => {
    await form.getByLabel("E-mail address of the person").fill(email);
    await form.locator("select[name=kind]").selectOption("objection");
    await form.locator("select[name=scope]").selectOption({ label: c.newsletter.name });
    await form.locator("select[name=channel]").selectOption("phone");
    await form.getByLabel(/^Note/).fill(note);
    await form.getByRole("button", { name: "Record by address" }).click();
  };

  // --- a bad address (the browser lets it through; the server does not): a field message, what was typed stays, nothing written ---
  const before = await Promise.all([db.suppression.count(), db.consentEvent.count()]);
  await fill("caller@example", "Belde dinsdag");
  await expect(form.getByRole("alert")).toHaveText("That is not a valid email address.");
  await expect(form.getByLabel("E-mail address of the person")).toHaveValue("caller@example");
  await expect(form.locator("select[name=scope]")).toHaveValue(c.newsletter.id);
  await expect(form.locator("select[name=channel]")).toHaveValue("phone");
  await expect(form.getByLabel(/^Note/)).toHaveValue("Belde dinsdag");
  await expect(form.getByLabel("E-mail address of the person")).toHaveAttribute("aria-invalid", "true");
  expect(await Promise.all([db.suppression.count(), db.consentEvent.count()])).toEqual(before);

  // --- the subscriber who phoned: recorded as on the subscriber page ---
  await fill(caller, "Belde dinsdag");
  await expect(form.getByRole("status")).toHaveText(`Recorded: ${caller} will get no more mail for ${c.newsletter.name}.`);
  const o = people.get(caller)!;
  const event = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: o.subscriber.id, type: "objection" } });
  expect(event).toMatchObject({ subscriptionId: o.subscriptions[0].id, newsletterIds: [c.newsletter.id], actor: `user:${editor.id}` });
  expect(event.details).toEqual({ via: "staff", scope: c.newsletter.id, channel: "phone", note: "Belde dinsdag" });
  expect(await db.suppression.findMany({ where: { keyHash: suppressionKey(caller) }, select: { scope: true, reason: true } })).toEqual([{ scope: c.newsletter.id, reason: "objection" }]);

  // --- a stranger who phoned: the same answer, only the keyed hash, no subscriber row ---
  await fill(stranger, "");
  await expect(form.getByRole("status")).toHaveText(`Recorded: ${stranger} will get no more mail for ${c.newsletter.name}.`);
  expect(await db.suppression.findMany({ where: { keyHash: suppressionKey(stranger) }, select: { scope: true, reason: true } })).toEqual([{ scope: c.newsletter.id, reason: "objection" }]);
  expect(await db.subscriber.count({ where: { email: stranger } })).toBe(0);

  // --- the editor's next send skips the caller ---
  const subject = `Per adres ${run}`;
  await sendIssue(page, c.newsletter.name, subject, /1 recipient will receive this issue/, /unsubscribed or objected DENY_SUPPRESSED 1/);
  listUnsubscribe(await waitForMail(keeper, (m) => m.subject === subject));
  expect((await mailTo(caller)).filter((m) => m.subject === subject)).toHaveLength(0);
  expect(await db.delivery.findFirst({ where: { subscriberId: o.subscriber.id, issue: { subject } } })).toMatchObject({ status: "skipped", reason: "DENY_SUPPRESSED" });
  await ctx.close();
});
