// POST /api/subscribe: the embeddable HTML snippet (application/x-www-form-urlencoded, works without
// JavaScript: a valid post is answered with 303 to our thank-you page) and JSON clients
// (application/json). Both go through lib/consent/submit-signup, with the same rules as the form page.
// A valid submission always gets the same answer, whatever the address's state. A failed form post is
// answered with 303 to the form's own page <form path>/embed, which shows the current form with what the
// visitor typed and what went wrong (lib/consent/signup-retry.ts carries it there in a sealed cookie). JSON failures are RFC
// 9457 problem details whose `code` is submit-signup's (unknown_newsletter, invalid_email, ...). Other
// sites may post here on purpose (the embed), so the boundary does not refuse cross-site posts.
import { after } from "next/server";
import { config } from "@/lib/config";
import { submitSignup, type SignupResult } from "@/lib/consent/submit-signup";
import { keptValues, rememberSignupRetry } from "@/lib/consent/signup-retry";
import { route, readJson, HttpError } from "@/lib/http/boundary";
import { requestInfo } from "@/lib/security/request-info";
import { escapeHtml } from "@/lib/util/escape-html";

export const dynamic = "force-dynamic";

const MAX_BODY = 32 * 1024;
const ACCEPTED = {
  nl: "Kijk in je e-mail. Als er iets te bevestigen is, krijg je een e-mail met een knop om je aanmelding te bevestigen.",
  en: "Check your e-mail. If there is anything to confirm, you will get an e-mail with a button to confirm your subscription.",
};

// Only for a post naming no form we know: there is no form page to go back to.
function errorPage(r: Extract<SignupResult, { ok: false }>) {
  const lang = r.language;
  const [title, back] = lang === "nl" ? ["Aanmelden is niet gelukt", "Ga terug naar het formulier en probeer het opnieuw."] : ["Your signup did not go through", "Go back to the form and try again."];
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p role="alert">${escapeHtml(r.message)}</p><p>${back}</p></body></html>`;
  return new Response(html, { status: r.status, headers: { "content-type": "text/html; charset=utf-8" } });
}

export const POST = route({ access: "public" }, async ({ req }) => {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const json = type.startsWith("application/json");
  const form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
  if (!json && !form) throw new HttpError("unsupported_media_type", "Send application/json or a form post.");
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY) throw new HttpError("too_large");

  const info = await requestInfo();
  const common = { ip: info.ip, userAgent: info.userAgent, defer: after };
  if (json) {
    const parsed = await readJson(req, MAX_BODY);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new HttpError("invalid_input", "The body is not a JSON object.");
    const body = parsed as Record<string, unknown>;
    const pow = body.pow && typeof body.pow === "object" ? (body.pow as Record<string, unknown>) : {};
    const r = await submitSignup({
      formVersionId: body.formVersionId, email: body.email, name: body.name, newsletterIds: body.newsletterIds, age: body.age, guardianEmail: body.guardianEmail,
      honeypot: body.website, pow: { challenge: pow.challenge, nonce: pow.nonce }, via: "api",
      language: body.language === "nl" ? "nl" : "en", ...common,
    });
    if (r.ok) return Response.json({ ok: true, message: ACCEPTED[r.language] }, { status: 202 });
    throw HttpError.of(r.status, r.code, r.message, { field: r.field });
  }

  let data: FormData;
  try {
    data = await req.formData();
  } catch {
    return new Response("The form data could not be read.", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const r = await submitSignup({
    formVersionId: data.get("formVersionId"), email: data.get("email"), name: data.get("name"), newsletterIds: data.getAll("newsletter"),
    age: data.get("age"), guardianEmail: data.get("guardianEmail"),
    honeypot: data.get("website"), pow: { challenge: data.get("powChallenge"), nonce: data.get("powNonce") }, via: "embed",
    language: "nl", ...common,
  });
  if (r.ok) return new Response(null, { status: 303, headers: { location: `${config().appUrl}${r.thanksPath}` } });
  if (!r.formPath) return errorPage(r);
  const values = keptValues({ email: data.get("email"), name: data.get("name"), newsletterIds: data.getAll("newsletter"), age: data.get("age"), guardianEmail: data.get("guardianEmail") });
  const page = await rememberSignupRetry({ formPath: r.formPath, code: r.code, ...(r.field ? { field: r.field } : {}), values });
  return new Response(null, { status: 303, headers: { location: `${config().appUrl}${page}` } });
});
