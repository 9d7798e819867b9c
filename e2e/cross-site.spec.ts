// Cross-site forms: a page on another origin (a second small HTTP server, on "localhost" while the app is
// 127.0.0.1) copies every state-changing form of the app, admin and public, and submits it in a
// signed-in admin's browser — a top-level POST navigation, on which SameSite=Lax cookies are still sent.
// Every one is refused with 403 and nothing is written. The exceptions by design (lib/http/cross-site.ts):
// the embeddable signup (/api/subscribe), RFC 8058 one-click (/u/...) and the token API (/api/v1/...).
import http from "node:http";
import { test, expect } from "@playwright/test";
import { adminState } from "./support/staff";
import { freePort } from "./support/own-server";
import { e2eEnv } from "./support/env";
import { harvestForms, siteFixture, tableCounts, type HarvestedForm } from "./support/site-forms";

const APP = e2eEnv().APP_URL;
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The copied form, pointed at the app, submitted as soon as the page loads. */
function hostilePage(form: Pick<HarvestedForm, "html" | "action">): string {
  const html = form.html.replace(/^<form([^>]*?)\saction="[^"]*"/, "<form$1").replace(/^<form/, `<form action="${escapeAttr(form.action)}"`);
  return `<!doctype html><html><body>${html}<script>document.forms[0].submit()</script></body></html>`;
}

// State-changing route handlers that no page renders as a plain form.
const ROUTE_FORMS = [
  { action: `${APP}/api/issues/preview`, html: `<form method="post" enctype="text/plain"><input name='{"issueId":"x","subject":"a","preheader":"","bodyMarkdown":"' value='"}'></form>` },
  { action: `${APP}/api/admin/imports`, html: `<form method="post" enctype="multipart/form-data"><input name="mode" value="import"><input name="newsletterId" value="x"></form>` },
  { action: `${APP}/api/auth/signout`, html: `<form method="post"><input name="csrfToken" value="x"></form>` },
];

test.describe("cross-site forms", () => {
  test.use({ storageState: adminState() });

  test("every state-changing form and route handler, posted from another site, is refused with 403 and writes nothing", async ({ browser }) => {
    test.setTimeout(240_000);
    const site = await siteFixture();
    const forms = [
      ...(await harvestForms(browser, site.adminPages, adminState())),
      ...(await harvestForms(browser, site.publicPages)),
      ...(await harvestForms(browser, site.markedPages, undefined, site.markBrowser)),
      ...ROUTE_FORMS.map((f) => ({ ...f, page: f.action, fields: [], actionId: null })),
    ];
    // Every server action of the admin and the public pages is among them (bound ones included).
    expect(forms.filter((f) => f.actionId).length).toBeGreaterThanOrEqual(30);
    expect(forms.some((f) => f.action.endsWith("/api/admin/imports"))).toBe(true);

    const pages = new Map<string, string>();
    const port = await freePort();
    const evil = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(pages.get(req.url ?? "") ?? "<!doctype html><p>nothing here</p>");
    });
    await new Promise<void>((resolve) => evil.listen(port, resolve));
    try {
      const before = await tableCounts();
      const ctx = await browser.newContext({ storageState: adminState() });
      const page = await ctx.newPage();
      const answers: string[] = [];
      for (const [i, form] of forms.entries()) {
        pages.set(`/f/${i}`, hostilePage(form));
        const posted = page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(APP));
        await page.goto(`http://localhost:${port}/f/${i}`);
        const res = await posted;
        const body = await res.text();
        answers.push(`${res.status()} ${form.page} -> ${new URL(form.action).pathname}`);
        expect(res.status(), `${form.page}: ${form.html.slice(0, 200)}`).toBe(403);
        expect(body).not.toMatch(/\bat .+:\d+:\d+|node_modules/);
      }
      await ctx.close();
      console.log(`cross-site: ${answers.length} forms refused:\n${answers.join("\n")}`);
      expect(await tableCounts()).toEqual(before);
    } finally {
      evil.close();
    }
  });
});
