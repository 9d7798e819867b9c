// POST /api/admin/imports — a CSV import or preview (multipart form: file, or uploadId with the mapping
// step's map_<field> columns and sourceName; newsletterId, basis, source, formVersionId, proofReference, newsletterSince; for broker/partner files the partner's form text as evidenceText or
// evidenceFile, with evidenceSourceName, evidenceShownAt and evidenceNamesOrg). A plain form post (no JavaScript)
// is answered with a redirect to the stored report; the page's script asks for NDJSON and gets progress
// lines while the import runs, then the full per-row report.
import { route, HttpError } from "@/lib/http/boundary";
import { fromZodError } from "@/lib/http/http-error";
import { runImport, type ImportProgress, type ImportResult, type RunImportOptions } from "@/lib/imports/run-import";
import { config } from "@/lib/config";
import { readCsvTable } from "@/lib/imports/csv-table";
import { loadUpload, deleteUpload, keepDeclaration } from "@/lib/imports/uploads";
import { rememberMapping } from "@/lib/imports/remembered-mapping";
import { DECLARATION_FIELDS, mappedRunFields, mappingOfForm } from "@/lib/imports/form-fields";

export const dynamic = "force-dynamic";

const MAX_FILE = 20 * 1024 * 1024;

const MAX_EVIDENCE_FILE = 1024 * 1024;

// The partner's form text may be pasted or uploaded (a .txt/.html file, read as UTF-8); the upload wins.
// Sent only when a text or a partner name was given, so the declaration names what is missing.
async function declarationOf(form: FormData) {
  const s = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : "");
  if (s("basis") === "existing-customer")
    return { basis: "existing-customer", obtainedInSale: s("obtainedInSale") === "on", optOutOfferedAtCollection: s("optOutOfferedAtCollection") === "on" };
  const upload = form.get("evidenceFile");
  const uploaded = upload instanceof File && upload.size > 0 && upload.size <= MAX_EVIDENCE_FILE ? await upload.text() : "";
  const text = uploaded || s("evidenceText");
  const evidence = text.trim() || s("evidenceSourceName").trim()
    ? { sourceName: s("evidenceSourceName"), text, shownAt: s("evidenceShownAt"), namesOrg: s("evidenceNamesOrg") === "on" }
    : undefined;
  return { basis: s("basis"), source: s("source") || undefined, proofReference: s("proofReference"), formVersionId: s("formVersionId"), newsletterSince: s("newsletterSince"), evidence };
}

export const POST = route({ access: "imports.run" }, async ({ req, staff }) => {
  const wantsStream = (req.headers.get("accept") ?? "").includes("application/x-ndjson");
  let page = "/admin/imports";
  // The page's script gets problem details; a plain form post goes back to the page with the message.
  const fail = (error: string, status = 400): Response => {
    if (wantsStream) throw new HttpError(status === 413 ? "too_large" : "invalid_input", error);
    return Response.redirect(`${config().appUrl}${page}?error=${encodeURIComponent(error)}`, 303);
  };
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return fail("Upload the file with the form.");
  }
  const evidenceFile = form.get("evidenceFile");
  if (evidenceFile instanceof File && evidenceFile.size > MAX_EVIDENCE_FILE) return fail("The partner's form text file is larger than 1 MB.", 413);
  const mode = form.get("mode") === "import" ? "import" : "preview";
  let source: { csv: Buffer; fileName: string; mapping?: RunImportOptions["mapping"]; uploadId?: string };
  if (form.get("uploadId")) {
    // The mapping step: the staged file, read with the columns the admin chose (remembered for next time).
    const mapped = mappedRunFields.safeParse(form);
    if (!mapped.success) throw fromZodError(mapped.error);
    page = `/admin/imports/map/${encodeURIComponent(mapped.data.uploadId)}`;
    const upload = await loadUpload(mapped.data.uploadId);
    if (!upload) {
      page = "/admin/imports";
      return fail("The uploaded file is no longer here (files are kept for a day); choose it again.");
    }
    const table = readCsvTable(upload.content, { limit: 0 });
    if (!table.ok) return fail(table.error);
    const mapping = mappingOfForm(mapped.data);
    const unknown = Object.values(mapping).find((h) => !table.header.includes(h!));
    if (unknown !== undefined) return fail(`The file has no column "${unknown}".`);
    if (!mapping.email) return fail("Choose the column that holds the e-mail address.");
    await rememberMapping(table.header, mapping, mapped.data.sourceName || upload.sourceName);
    if (mode === "preview") {
      const typed = DECLARATION_FIELDS.flatMap((k) => { const v = form.get(k); return typeof v === "string" && v !== "" ? [[k, v.slice(0, k === "evidenceText" ? 200_000 : 500)] as const] : []; });
      await keepDeclaration(upload.id, Object.fromEntries(typed));
    }
    source = { csv: upload.content, fileName: upload.fileName, mapping, uploadId: upload.id };
  } else {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return fail("Choose a CSV file.");
    if (file.size > MAX_FILE) return fail("The file is larger than 20 MB; split it.", 413);
    source = { csv: Buffer.from(await file.arrayBuffer()), fileName: file.name };
  }
  const opts = {
    actor: { id: staff.id, email: staff.email },
    csv: source.csv,
    fileName: source.fileName,
    mapping: source.mapping,
    newsletterId: String(form.get("newsletterId") ?? ""),
    declaration: await declarationOf(form),
    mode,
  } as const;
  // An imported file is not kept; a previewed one stays for the import.
  const done = async (r: ImportResult) => {
    if (source.uploadId && r.ok && r.mode === "import") await deleteUpload(source.uploadId);
  };

  if (!wantsStream) {
    const r = await runImport(opts);
    if (!r.ok && !r.importId) return fail(r.error);
    await done(r);
    const back = source.uploadId && r.ok && r.mode === "preview" ? `?upload=${encodeURIComponent(source.uploadId)}` : "";
    return Response.redirect(`${config().appUrl}/admin/imports/${r.importId}${back}`, 303);
  }
  const enc = new TextEncoder();
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const line = (o: unknown) => writer.write(enc.encode(JSON.stringify(o) + "\n")).catch(() => {});
  let last = 0;
  const onProgress = (p: ImportProgress) => {
    const now = Date.now();
    if (now - last < 150 && p.done < p.total) return; // a few updates per second are enough for a bar
    last = now;
    void line({ type: "progress", ...p });
  };
  void (async () => {
    let r: ImportResult;
    try {
      r = await runImport({ ...opts, onProgress });
      await done(r);
    } catch {
      r = { ok: false, error: "The import failed and nothing was imported." };
    }
    await line({ type: "result", ...r });
    await writer.close().catch(() => {});
  })();
  return new Response(readable, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
});
