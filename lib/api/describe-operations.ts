// The OpenAPI document as the docs page (/api/v1/docs) shows it: one entry per operation with its scope,
// its body's fields (nested objects flattened to "source.formVersionId") and its responses. Read from the
// generated document, so the page says exactly what the validation does.
import type { OpenApiDocument } from "./openapi.ts";

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; const?: unknown; description?: string; anyOf?: Schema[]; format?: string };

export type DocField = { name: string; type: string; required: boolean; description: string };
export type DocOperation = {
  id: string; method: string; path: string; summary: string; description: string; scope: string | null;
  params: DocField[]; body: DocField[]; responses: { status: string; description: string }[];
};

function resolve(doc: OpenApiDocument, s: Schema): Schema {
  if (!s.$ref) return s;
  const name = s.$ref.replace("#/components/schemas/", "");
  return (doc.components?.schemas?.[name] as Schema | undefined) ?? {};
}

function typeOf(doc: OpenApiDocument, raw: Schema): string {
  const s = resolve(doc, raw);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return s.anyOf.map((x) => typeOf(doc, x)).join(" | ");
  if (s.type === "array" && s.items) return `${typeOf(doc, s.items)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${t} (${s.format})` : t;
}

function fieldsOf(doc: OpenApiDocument, raw: Schema | undefined, prefix = "", parentRequired = true): DocField[] {
  if (!raw) return [];
  const s = resolve(doc, raw);
  return Object.entries(s.properties ?? {}).flatMap(([name, child]) => {
    const c = resolve(doc, child);
    const field: DocField = { name: prefix + name, type: typeOf(doc, c), required: parentRequired && (s.required ?? []).includes(name), description: c.description ?? child.description ?? "" };
    return c.type === "object" && c.properties ? [field, ...fieldsOf(doc, c, `${prefix}${name}.`, field.required)] : [field];
  });
}

export function describeOperations(doc: OpenApiDocument): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const op = (item as Record<string, unknown>)[method] as {
        operationId?: string; summary?: string; description?: string; security?: Record<string, string[]>[];
        parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
        requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string }>;
      } | undefined;
      if (!op) continue;
      out.push({
        id: op.operationId ?? `${method}-${path}`, method: method.toUpperCase(), path, summary: op.summary ?? "", description: op.description ?? "",
        scope: op.security?.[0]?.apiToken?.[0] ?? null,
        params: (op.parameters ?? []).map((p) => ({ name: p.name, type: p.schema ? typeOf(doc, p.schema) : "string", required: !!p.required, description: p.description ?? p.schema?.description ?? "" })),
        body: fieldsOf(doc, op.requestBody?.content["application/json"]?.schema),
        responses: Object.entries(op.responses).map(([status, r]) => ({ status, description: r.description })),
      });
    }
  }
  return out;
}
