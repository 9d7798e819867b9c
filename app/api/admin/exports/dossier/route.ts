// POST /api/admin/exports/dossier (form: email, format, lang) — the complaint dossier found by a typed address,
// also after erasure (through the suppression list's keyed hash). The address travels in the body, never in a
// URL. Nothing found or a bad field: back to /admin/dossier with the message (audited when nothing is found).
import { z } from "zod";
import { route, fields } from "@/lib/http/boundary";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { config } from "@/lib/config";
import { getDossier } from "@/lib/export/get-dossier";
import { dossierFile, DOSSIER_FORMATS } from "@/lib/export/dossier-file";
import { LOCALES } from "@/lib/i18n/translator";
import { normaliseEmail } from "@/lib/subscribers/normalise-email";

export const dynamic = "force-dynamic";

const form = fields({
  email: z.string({ message: "Enter an email address." }).max(320, { message: "That email address is too long." }),
  format: z.enum(DOSSIER_FORMATS, { message: 'must be "pdf" or "json"' }).default("pdf"),
  lang: z.enum(LOCALES, { message: 'must be "nl" or "en"' }).default("nl"),
});

const back = (params: Record<string, string>) =>
  new Response(null, { status: 303, headers: { Location: new URL(`/admin/dossier?${new URLSearchParams(params)}`, config().appUrl).toString(), "Cache-Control": "no-store" } });

export const POST = route({ access: "exports.run", maxBody: 16 * 1024 }, async ({ req, staff }) => {
  const body = await req.formData().catch(() => null);
  const parsed = form.safeParse(body ?? undefined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return back({ error: `${issue.path.join(".") || "form"}: ${issue.message}` });
  }
  const email = normaliseEmail(parsed.data.email);
  if (!email.ok) return back({ error: `email: ${email.error}` });
  const doc = await getDossier({ normalisedEmail: email.email });
  if (!doc) {
    await audit(db, staff, "export.dossier", null, { by: "address", found: "nothing" });
    return back({ result: "nothing-found" });
  }
  return dossierFile(db, staff, doc, { format: parsed.data.format, language: parsed.data.lang });
});
