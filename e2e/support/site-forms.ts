// Every page with a state-changing form, with the fixtures those pages need, and the forms as the
// server renders them (no JavaScript: the HTML a person's browser would submit, with Next's hidden
// action fields). The cross-site and hostile-request specs replay these forms; table counts show that
// nothing was written.
import type { Browser, BrowserContext } from "@playwright/test";
import { e2eDb, e2eFixtures, ensureOrganisation } from "./db";
import { e2eEnv } from "./env";
import { markAsConfirmingBrowser } from "./browser-mark";

const uid = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export type SiteFixture = {
  publicPages: string[];
  /** Public pages whose forms only the subscriber's own browser gets (the erase step): harvest with markBrowser. */
  markedPages: string[];
  markBrowser: (ctx: BrowserContext) => Promise<void>;
  adminPages: string[];
};

/** A newsletter with a confirmed subscriber, a published form, an issue, an opt-in and a re-permission token. */
export async function siteFixture(): Promise<SiteFixture> {
  await ensureOrganisation();
  const { createNewsletterWithForm, createSubscriber } = await e2eFixtures();
  const { preferencesToken, unsubscribeToken } = await import("../../lib/subscribers/links.ts");
  const { createForm } = await import("../../lib/consent/create-form.ts");
  const { publishFormVersion } = await import("../../lib/consent/publish-form-version.ts");
  const db = await e2eDb();
  const id = uid();
  const n = await createNewsletterWithForm({ name: `Hostile ${id}`, language: "en" });
  const { subscriber, subscriptions } = await createSubscriber({
    email: `hostile-${id}@example.org`,
    subscriptions: [{ newsletterId: n.newsletter.id, formVersionId: n.formVersion.id, status: "confirmed", createdAt: new Date() }],
  });
  const created = await createForm({ actor: "system", input: { slug: `hostile-${id}`, name: `Hostile ${id}`, language: "en", newsletterIds: [n.newsletter.id] } });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const published = await publishFormVersion({ formId: created.id, actor: "system" });
  if (!published.ok) throw new Error(JSON.stringify(published.violations));
  const issue = await db.issue.create({ data: { newsletterId: n.newsletter.id, subject: `Hostile issue ${id}`, preheader: "", bodyMarkdown: "# Hello" } });
  const prefs = preferencesToken(subscriber.id);
  // A pending confirmation and a re-permission request, so their pages show their buttons.
  const { issueToken } = await import("../../lib/security/tokens.ts");
  const optin = await issueToken(db, {
    purpose: "optin", subjectId: subscriber.id, ttlMs: 86_400_000,
    data: { subscriptionIds: [subscriptions[0].id], newsletterIds: [n.newsletter.id], formId: n.form.id, language: "en" },
  });
  const purpose = (v: number) => ({
    newsletterId: n.newsletter.id, version: v, revision: v, change: v === 1 ? "initial" : "material", name: n.newsletter.name, description: `Purpose ${v}`,
    categories: [], fromName: "Org", fromEmail: "news@org.example", thirdPartyOffers: false, aimedAtChildren: false, contentHash: `hash-${id}-${v}`,
  });
  const from = (await db.purposeVersion.findFirst({ where: { newsletterId: n.newsletter.id }, orderBy: { version: "desc" } })) ?? (await db.purposeVersion.create({ data: purpose(1) }));
  const to = await db.purposeVersion.create({ data: purpose(from.version + 1) });
  const reperm = await issueToken(db, {
    purpose: "repermission", subjectId: subscriber.id, ttlMs: 86_400_000,
    data: { subscriptionId: subscriptions[0].id, newsletterId: n.newsletter.id, fromPurposeVersionId: from.id, toPurposeVersionId: to.id, language: "en" },
  });
  const access = await issueToken(db, { purpose: "data-access", subjectId: subscriber.id, ttlMs: 86_400_000 });
  return {
    publicPages: [
      "/login", `/f/hostile-${id}`, `/n/${n.newsletter.slug}`, `/p/${prefs}`, `/unsubscribe/${unsubscribeToken(subscriptions[0].id)}`,
      `/confirm/${optin.token}`, `/r/${reperm.token}`, `/p/access/${access.token}`,
    ],
    markedPages: [`/p/${prefs}/erase`],
    markBrowser: (ctx) => markAsConfirmingBrowser(ctx, subscriber.id),
    adminPages: [
      "/admin/newsletters/new", `/admin/newsletters/${n.newsletter.id}`, "/admin/forms/new", `/admin/forms/${created.id}`,
      "/admin/issues", `/admin/issues/${issue.id}`, `/admin/issues/${issue.id}/send`,
      `/admin/subscribers/${subscriber.id}`, "/admin/imports", "/admin/suppressions", "/admin/settings", "/admin/retention",
      "/admin/users", "/admin/api-tokens",
    ],
  };
}

export type HarvestedForm = { page: string; action: string; html: string; fields: [string, string][]; actionId: string | null };

/** Every POST form on `pages`, as rendered without JavaScript. */
export async function harvestForms(browser: Browser, pages: string[], storageState?: string, prepare?: (ctx: BrowserContext) => Promise<void>): Promise<HarvestedForm[]> {
  const ctx = await browser.newContext({ javaScriptEnabled: false, storageState, baseURL: e2eEnv().APP_URL });
  await prepare?.(ctx);
  const page = await ctx.newPage();
  const out: HarvestedForm[] = [];
  for (const path of pages) {
    const res = await page.goto(path);
    if (!res || res.status() >= 400) throw new Error(`${path}: ${res?.status()}`);
    const forms = await page.locator("form").evaluateAll((els) =>
      els
        .filter((f) => (f.getAttribute("method") ?? "get").toLowerCase() === "post")
        .map((f) => ({
          action: new URL(f.getAttribute("action") || location.href, location.href).toString(),
          html: f.outerHTML,
          fields: [...f.querySelectorAll<HTMLInputElement>("input[name], textarea[name], select[name]")].map((i) => [i.name, i.value] as [string, string]),
        })),
    );
    for (const f of forms) {
      const idField = f.fields.find(([k]) => k.startsWith("$ACTION_ID_"));
      const ref = f.fields.find(([k]) => /^\$ACTION_\d+:0$/.test(k));
      const actionId = idField ? idField[0].slice("$ACTION_ID_".length) : ref ? (JSON.parse(ref[1]) as { id: string }).id : null;
      out.push({ page: path, ...f, actionId });
    }
  }
  await ctx.close();
  return out;
}

/** Rows per table (every table of the schema but the migrations log and the signed ledger heads, which the worker writes on its own schedule). */
export async function tableCounts(): Promise<Record<string, number>> {
  const db = await e2eDb();
  const pg = /^postgres/.test(e2eEnv().DATABASE_URL);
  const tables: { name: string }[] = pg
    ? await db.$queryRawUnsafe(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
    : await db.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    if (name === "_prisma_migrations" || name === "LedgerHead") continue;
    const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${name}"`);
    counts[name] = Number(row.n);
  }
  return counts;
}
