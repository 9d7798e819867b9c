// The import form's fields as zod reads them (lib/http/boundary `fields`): the first step (file and
// declaration), kept with a staged upload, and the mapping step's one select per Proofmail field.
import { z } from "zod";
import { fields, text } from "../http/boundary.ts";
import { MAPPED_FIELDS, type ColumnMapping } from "./mapping.ts";

/** The declaration's fields as typed (strings; checkboxes "on"), named as in the form. */
export const DECLARATION_FIELDS = [
  "newsletterId", "basis", "source", "formVersionId", "proofReference", "newsletterSince",
  "evidenceSourceName", "evidenceText", "evidenceShownAt", "evidenceNamesOrg", "obtainedInSale", "optOutOfferedAtCollection",
] as const;

const declarationShape = Object.fromEntries(DECLARATION_FIELDS.map((k) => [k, text(k === "evidenceText" ? 200_000 : 500)])) as Record<(typeof DECLARATION_FIELDS)[number], ReturnType<typeof text>>;

export const stageFields = fields({
  ...declarationShape,
  sourceName: text(100),
  file: z.instanceof(File, { message: "Choose a CSV file." }).optional(),
  evidenceFile: z.instanceof(File).optional(),
});

const mapShape = Object.fromEntries(MAPPED_FIELDS.map((f) => [`map_${f}`, text(300)])) as Record<`map_${(typeof MAPPED_FIELDS)[number]}`, ReturnType<typeof text>>;

export const mappedRunFields = fields({ uploadId: z.string().min(1).max(64), sourceName: text(100), ...mapShape });

/** The mapping the form chose: fields with a column; "" is "not in the file". */
export function mappingOfForm(v: Record<string, string>): ColumnMapping {
  const out: ColumnMapping = {};
  for (const f of MAPPED_FIELDS) if (v[`map_${f}`]) out[f] = v[`map_${f}`];
  return out;
}
