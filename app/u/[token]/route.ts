// The List-Unsubscribe URL (RFC 8058). POST with `List-Unsubscribe=One-Click` unsubscribes at once: 200,
// no cookies, no login, no redirect. GET never unsubscribes (link scanners follow links): it sends the
// browser to the page with one button.
import { config } from "@/lib/config";
import { requestInfo } from "@/lib/security/request-info";
import { unsubscribeByToken } from "@/lib/subscribers/unsubscribe-by-token";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };
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

export async function POST(req: Request, ctx: Ctx) {
  const { token } = await ctx.params;
  if (!(await isOneClick(req))) return text("Expected the body List-Unsubscribe=One-Click (RFC 8058).", 400);
  const info = await requestInfo();
  const r = await unsubscribeByToken({ token, scope: "newsletter", via: "one-click-header", ...info });
  if (!r) return text("This unsubscribe link is not valid. / Deze afmeldlink is niet geldig.", 404);
  return text(r.lang === "nl" ? `Afgemeld voor ${r.newsletterName}.` : `Unsubscribed from ${r.newsletterName}.`, 200);
}

export async function GET(_req: Request, ctx: Ctx) {
  const { token } = await ctx.params;
  return new Response(null, { status: 303, headers: { Location: `${config().appUrl}/unsubscribe/${encodeURIComponent(token)}`, "Cache-Control": "no-store" } });
}
