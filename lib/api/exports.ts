// GET /api/v1/subscribers/{id}/proof and /dossier: the signed documents of lib/export as JSON, audited
// with the token as actor, exactly as an admin's download is.
import { db } from "../db/index.ts";
import { audit } from "../audit/log.ts";
import { HttpError } from "../http/http-error.ts";
import { getProof } from "../export/get-proof.ts";
import { getDossier } from "../export/get-dossier.ts";
import { dossierFile } from "../export/dossier-file.ts";
import type { ApiTokenAuth } from "../customers/api-tokens.ts";

export async function proofResponse(id: string, token: ApiTokenAuth): Promise<Response> {
  const doc = await getProof({ subscriberId: id });
  if (!doc) throw new HttpError("not_found", "No such subscriber.");
  await audit(db, `api:${token.id}`, "export.proof", id, { format: "json" });
  return Response.json(doc, { headers: { "Cache-Control": "no-store" } });
}

export async function dossierResponse(id: string, token: ApiTokenAuth): Promise<Response> {
  const doc = await getDossier({ subscriberId: id });
  if (!doc) throw new HttpError("not_found", "No such subscriber.");
  return dossierFile(db, `api:${token.id}`, doc, { format: "json", language: doc.person?.language === "en" ? "en" : "nl" });
}
