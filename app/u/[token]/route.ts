// The List-Unsubscribe URL (RFC 8058). POST with `List-Unsubscribe=One-Click` unsubscribes at once: 200,
// no cookies, no login, no redirect. GET never unsubscribes (link scanners follow links): it sends the
// browser to the page with one button. Mail providers post from their own servers, so the boundary does
// not refuse cross-site posts here; the token is the authorisation.
import { route } from "@/lib/http/boundary";
import { config } from "@/lib/config";
import { requestInfo } from "@/lib/security/request-info";
import { TOKEN_PAGE_LIMIT } from "@/lib/security/public-limits";
import { unsubscribeByToken } from "@/lib/subscribers/unsubscribe-by-token";
import { verifyTestLinkToken } from "@/lib/subscribers/links";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) =>
  new Response(body + "\n", { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

async function isOneClick(req: Request): Promise<boolean> {
  const type = req.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("multipart/form-data")) return (await req.formData()).get("List-Unsubscribe") === "One-Click";
    const body = (await req.text()).slice(0, 2000);
    return new URLSearchParams(body.trim()).get("List-Unsubscribe") === "One-Click";
  } catch {
    return false;
  }
}

export const POST = route({ access: "public", rateLimit: TOKEN_PAGE_LIMIT }, async ({ req, params: { token } }) => {
  if (!(await isOneClick(req))) return text("Expected the body List-Unsubscribe=One-Click (RFC 8058).", 400);
  if (verifyTestLinkToken(token)) return text("This was a test mail: nobody was unsubscribed. / Dit was een testmail: er is niemand afgemeld.", 200);
  const info = await requestInfo();
  const r = await unsubscribeByToken({ token, scope: "newsletter", via: "one-click-header", ...info });
  if (!r) return text("This unsubscribe link is not valid. / Deze afmeldlink is niet geldig.", 404);
  return text(r.lang === "nl" ? `Afgemeld voor ${r.newsletterName}.` : `Unsubscribed from ${r.newsletterName}.`, 200);
});

export const GET = route({ access: "public" }, async ({ params: { token } }) =>
  new Response(null, { status: 303, headers: { Location: `${config().appUrl}/unsubscribe/${encodeURIComponent(token)}`, "Cache-Control": "no-store" } }),
);
