// POST /api/admin/imports/uploads — the first step of an import from another tool: the file (and the
// declaration fields typed with it) is staged, and the admin goes on to the mapping screen
// (/admin/imports/map/ID), which shows its columns and first rows. A plain form post: works without JavaScript.
import { route } from "@/lib/http/boundary";
import { HttpError, fromZodError } from "@/lib/http/http-error";
import { config } from "@/lib/config";
import { readCsvTable } from "@/lib/imports/csv-table";
import { stageUpload } from "@/lib/imports/uploads";
import { DECLARATION_FIELDS, stageFields } from "@/lib/imports/form-fields";

export const dynamic = "force-dynamic";

const MAX_FILE = 20 * 1024 * 1024;
const MAX_EVIDENCE_FILE = 1024 * 1024;

export const POST = route({ access: "imports.run" }, async ({ req, staff }) => {
  const back = (error: string) => Response.redirect(`${config().appUrl}/admin/imports?error=${encodeURIComponent(error)}`, 303);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return back("Upload the file with the form.");
  }
  const parsed = stageFields.safeParse(form);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { file, evidenceFile, sourceName, ...declaration } = parsed.data;
  if (!file || file.size === 0) return back("Choose a CSV file.");
  if (file.size > MAX_FILE) throw new HttpError("too_large", "The file is larger than 20 MB; split it.");
  if (evidenceFile && evidenceFile.size > MAX_EVIDENCE_FILE) throw new HttpError("too_large", "The partner's form text file is larger than 1 MB.");
  const content = Buffer.from(await file.arrayBuffer());
  const table = readCsvTable(content, { limit: 10 });
  if (!table.ok) return back(table.error);
  // The partner's form text uploaded as a file is kept as the typed text (the upload wins, as on the run).
  const evidenceText = evidenceFile && evidenceFile.size > 0 ? await evidenceFile.text() : declaration.evidenceText;
  const kept = Object.fromEntries(DECLARATION_FIELDS.map((k) => [k, k === "evidenceText" ? evidenceText : declaration[k]]).filter(([, v]) => v !== ""));
  const { id } = await stageUpload({ actorId: staff.id, fileName: file.name, content, sourceName, declaration: kept });
  return Response.redirect(`${config().appUrl}/admin/imports/map/${id}`, 303);
});
