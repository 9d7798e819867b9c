// The complaint dossier as a file answer: JSON (to verify offline) or PDF (to read; inline, so the browser's
// viewer opens it), never cached. Both dossier routes answer through here, and audit the generation here.
import type { Db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { renderDossierPdf } from "./render-dossier-pdf.ts";
import type { DossierDocument } from "./get-dossier.ts";
import type { Locale } from "../i18n/translator.ts";

export const DOSSIER_FORMATS = ["pdf", "json"] as const;
export type DossierFormat = (typeof DOSSIER_FORMATS)[number];

export async function dossierFile(client: Db, actor: AuditActor, doc: DossierDocument, opts: { format: DossierFormat; language: Locale }): Promise<Response> {
  // The audit entry never holds the typed address: after an erasure that would bring it back.
  await audit(client, actor, "export.dossier", doc.person?.id ?? null, {
    by: doc.foundBy, format: opts.format, language: opts.language, found: doc.person ? "person" : "erased", events: doc.events.length, messages: doc.messages.length,
  });
  const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
  const file = `complaint-dossier-${doc.person?.id ?? "erased"}-${doc.generatedAt.slice(0, 10)}`;
  if (opts.format === "json")
    return new Response(JSON.stringify(doc, null, 2), { headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${file}.json"` } });
  const pdf = await renderDossierPdf(doc, opts.language);
  return new Response(new Uint8Array(pdf), { headers: { ...headers, "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${file}.${opts.language}.pdf"` } });
}
