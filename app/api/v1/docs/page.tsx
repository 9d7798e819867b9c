// /api/v1/docs — the API's documentation, rendered by us from the OpenAPI document (no scripts, nothing
// from other sites: the CSP allows neither). The document itself is at /api/v1/openapi.json.
import { openApiDocument } from "@/lib/api/openapi";
import { describeOperations } from "@/lib/api/describe-operations";

export const metadata = { title: "API documentation" };

export const dynamic = "force-dynamic";

// `label` names the scroll region uniquely on the page (each operation has such tables).
function FieldTable({ caption, label, fields }: { caption: string; label: string; fields: ReturnType<typeof describeOperations>[number]["body"] }) {
  if (!fields.length) return null;
  return (
    <div className="mt-3 overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <caption className="text-left font-medium">{caption}</caption>
        <thead><tr><th className="pr-3">Field</th><th className="pr-3">Type</th><th className="pr-3">Required</th><th>Meaning</th></tr></thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.name} className="border-t border-slate-100 align-top">
              <td className="pr-3"><code>{f.name}</code></td><td className="pr-3"><code>{f.type}</code></td><td className="pr-3">{f.required ? "yes" : "no"}</td><td>{f.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ApiDocsPage() {
  const doc = openApiDocument();
  const ops = describeOperations(doc);
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold">{doc.info.title} {doc.info.version}</h1>
      <p className="mt-2 text-sm">{doc.info.description}</p>
      <p className="mt-2 text-sm">
        Base path <code>/api/v1</code>. Send <code>Authorization: Bearer &lt;token&gt;</code> with a token an admin made under
        Admin → API tokens; each endpoint names the scope it needs. Errors are <code>application/problem+json</code> (RFC 9457) with{" "}
        <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> and, for invalid input, <code>errors</code> per field.
        The machine-readable document: <a className="text-indigo-700 underline" href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1).
      </p>
      <nav aria-label="Endpoints" className="mt-4">
        <ul className="list-disc pl-5 text-sm">
          {ops.map((o) => <li key={o.id}><a className="text-indigo-700 underline" href={`#${o.id}`}>{o.method} {o.path}</a>: {o.summary}</li>)}
        </ul>
      </nav>
      {ops.map((o) => (
        <section key={o.id} id={o.id} aria-labelledby={`${o.id}-h`} className="mt-8 border-t border-slate-200 pt-4">
          <h2 id={`${o.id}-h`} className="text-lg font-semibold"><code>{o.method} /api/v1{o.path}</code></h2>
          <p className="text-sm font-medium">{o.summary}{o.scope ? <> · scope <code>{o.scope}</code></> : " · no token needed"}</p>
          {o.description.split("\n\n").map((p, i) => <p key={i} className="mt-1 text-sm">{p}</p>)}
          <FieldTable caption="Path parameters" label={`${o.method} ${o.path}: path parameters`} fields={o.params} />
          <FieldTable caption="JSON body" label={`${o.method} ${o.path}: JSON body`} fields={o.body} />
          <h3 className="mt-3 text-sm font-medium">Responses</h3>
          <ul className="list-disc pl-5 text-sm">{o.responses.map((r) => <li key={r.status}><code>{r.status}</code>: {r.description}</li>)}</ul>
        </section>
      ))}
    </main>
  );
}
