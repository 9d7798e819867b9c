// GET /api/admin/exports/dossier/:subscriberId?format=pdf|json&lang=nl|en — the complaint dossier of one subscriber (admins).
import { z } from "zod";
import { route, HttpError } from "@/lib/http/boundary";
import { db } from "@/lib/db";
import { getDossier } from "@/lib/export/get-dossier";
import { dossierFile, DOSSIER_FORMATS } from "@/lib/export/dossier-file";
import { LOCALES } from "@/lib/i18n/translator";

export const dynamic = "force-dynamic";

const query = z.object({ format: z.enum(DOSSIER_FORMATS).default("pdf"), lang: z.enum(LOCALES).optional() });

export const GET = route({ access: "exports.run", params: z.object({ id: z.string().max(64) }), query }, async ({ staff, params: { id }, query: q }) => {
  const doc = await getDossier({ subscriberId: id });
  if (!doc) throw new HttpError("not_found", "No such subscriber.");
  return dossierFile(db, staff, doc, { format: q.format, language: q.lang ?? doc.person?.language ?? "nl" });
});
