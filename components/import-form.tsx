"use client";
import { ScrollRegion } from "./ui";
// The import upload. With JavaScript it streams progress (a progress bar) and shows the per-row report in
// place; without, the same form posts to the route handler, which redirects to the stored report.
// "Next: map columns" stages the file (/api/admin/imports/uploads) for the mapping screen, which renders
// this form again with the staged file (`upload`): one select per Proofmail field, the typed values kept.
import { useRef, useState } from "react";

type Option = { id: string; label: string };
export type MappingUpload = {
  id: string;
  fileName: string;
  sourceName: string;
  columns: string[];
  mapping: Record<string, string>;
  fields: { key: string; label: string; hint: string }[];
};
type Row = { row: number; email: string; accepted: boolean; reason: string; landAs?: string };
type Result = { ok: true; importId: string; mode: string; total: number; accepted: number; rejected: number; counts: Record<string, number>; rows: Row[] } | { ok: false; error: string };

export function ImportForm({ newsletters, formVersions, labels, upload, defaults = {} }: {
  newsletters: Option[]; formVersions: Option[]; labels: Record<string, string>;
  /** The mapping step: the staged file and its columns. */
  upload?: MappingUpload;
  /** The values typed on the first step. */
  defaults?: Record<string, string>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const d = (k: string, fallback = "") => defaults[k] ?? fallback;
  const [basis, setBasis] = useState(d("basis", "consent"));
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [onlyRejected, setOnlyRejected] = useState(true);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "map") return; // staging the file for the mapping screen is a plain form post
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    data.set("mode", submitter?.value ?? "preview");
    setBusy(true);
    setResult(null);
    setProgress({ phase: "uploading", done: 0, total: 1 });
    try {
      const res = await fetch("/api/admin/imports", { method: "POST", body: data, headers: { Accept: "application/x-ndjson" } });
      if (!res.ok || !res.body) {
        // Errors are RFC 9457 problem details (lib/http/problem.ts): `detail` is the message for the person.
        setResult({ ok: false, error: ((await res.json().catch(() => ({}))) as { detail?: string }).detail ?? `Upload failed (${res.status}).` });
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i;
        while ((i = buf.indexOf("\n")) >= 0) {
          const msg = JSON.parse(buf.slice(0, i));
          buf = buf.slice(i + 1);
          if (msg.type === "progress") setProgress(msg);
          else if (msg.type === "result") setResult(msg);
        }
      }
    } catch {
      setResult({ ok: false, error: "The upload was interrupted." });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const shown = result?.ok ? result.rows.filter((r) => !onlyRejected || !r.accepted).slice(0, 1000) : [];
  return (
    <>
      <form ref={formRef} action="/api/admin/imports" method="post" encType="multipart/form-data" onSubmit={submit} className="space-y-4">
        {upload ? (
          <>
            <input type="hidden" name="uploadId" value={upload.id} />
            <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
              <legend className="text-sm font-medium">Columns of {upload.fileName}</legend>
              <p className="text-xs text-slate-500">Choose the column that holds each of Proofmail&apos;s fields. The choice is remembered for files with the same columns and for the source named below.</p>
              <div className="grid gap-3 sm:grid-cols-2">
                {upload.fields.map((f) => (
                  <div key={f.key}>
                    <label htmlFor={`map_${f.key}`} className="mb-1 block text-sm">{f.label} <span className="text-xs text-slate-500">({f.hint})</span></label>
                    <select id={`map_${f.key}`} name={`map_${f.key}`} defaultValue={upload.mapping[f.key] ?? ""} required={f.key === "email"} className="w-full rounded-md border border-slate-300 px-3 py-2">
                      <option value="">— not in the file —</option>
                      {upload.columns.map((c, i) => <option key={`${i}-${c}`} value={c}>{c}</option>)}
                    </select>
                  </div>
                ))}
              </div>
            </fieldset>
          </>
        ) : (
          <div>
            <label htmlFor="file" className="mb-1 block text-sm font-medium">CSV file (an export of Mailchimp, Brevo, MailerLite, Laposta or listmonk, or a header row with at least an “email” column)</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required className="block text-sm" />
          </div>
        )}
        <div>
          <label htmlFor="sourceName" className="mb-1 block text-sm font-medium">Source (optional: the tool or list, e.g. “Laposta leden”; its column mapping is remembered)</label>
          <input id="sourceName" name="sourceName" maxLength={100} defaultValue={upload?.sourceName ?? ""} className="w-full rounded-md border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="newsletterId" className="mb-1 block text-sm font-medium">Newsletter</label>
          <select id="newsletterId" name="newsletterId" required defaultValue={d("newsletterId") || undefined} className="rounded-md border border-slate-300 px-3 py-2">
            {newsletters.map((n) => <option key={n.id} value={n.id}>{n.label}</option>)}
          </select>
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Basis declared for this file</legend>
          <label className="mr-4 text-sm"><input type="radio" name="basis" value="consent" checked={basis === "consent"} onChange={() => setBasis("consent")} /> Consent</label>
          <label className="text-sm"><input type="radio" name="basis" value="existing-customer" checked={basis === "existing-customer"} onChange={() => setBasis("existing-customer")} /> Existing customers</label>
        </fieldset>
        <fieldset className={basis === "consent" ? "space-y-3 rounded-md border border-slate-200 p-3" : "hidden"}>
          <legend className="text-sm font-medium">Consent</legend>
          <div>
            <label htmlFor="source" className="mb-1 block text-sm">Where the consent came from</label>
            <select id="source" name="source" className="rounded-md border border-slate-300 px-3 py-2" defaultValue={d("source", "own-form")}>
              <option value="own-form">Our own signup form</option>
              <option value="migration">Migration from our previous system</option>
              <option value="list-broker">List broker</option>
              <option value="partner">Partner</option>
              <option value="public-source">Public source (website, LinkedIn, KvK)</option>
              <option value="legacy">Old list, origin unknown</option>
            </select>
          </div>
          <div>
            <label htmlFor="formVersionId" className="mb-1 block text-sm">Form text they saw (optional)</label>
            <select id="formVersionId" name="formVersionId" className="rounded-md border border-slate-300 px-3 py-2" defaultValue={d("formVersionId")}>
              <option value="">— none —</option>
              {formVersions.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="proofReference" className="mb-1 block text-sm">Proof reference for the whole file (own form or migration only)</label>
            <input id="proofReference" name="proofReference" maxLength={500} defaultValue={d("proofReference")} className="w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <div>
            <label htmlFor="newsletterSince" className="mb-1 block text-sm">List started on (also in the tool you leave): a consent date before it is refused</label>
            <input id="newsletterSince" name="newsletterSince" type="date" defaultValue={d("newsletterSince")} className="rounded-md border border-slate-300 px-3 py-2" />
            <p className="text-xs text-slate-500">Empty: the day the newsletter was created in Proofmail{upload ? "" : " (for a mapped file; a file in Proofmail's own columns is then not checked)"}. A consent date in the future is always refused.</p>
          </div>
          <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
            <legend className="text-sm font-medium">Broker or partner: the form text their people saw</legend>
            <p className="text-xs text-slate-500">
              Rows from a broker or partner are proven by the partner&apos;s own form text, never by ours. Each row also needs its own
              proof_reference and consent_at (on or after the text&apos;s date).
            </p>
            <div>
              <label htmlFor="evidenceSourceName" className="mb-1 block text-sm">Partner or broker</label>
              <input id="evidenceSourceName" name="evidenceSourceName" maxLength={200} defaultValue={d("evidenceSourceName")} className="w-full rounded-md border border-slate-300 px-3 py-2" />
            </div>
            <div>
              <label htmlFor="evidenceText" className="mb-1 block text-sm">Their form text (paste it here, or upload it below)</label>
              <textarea id="evidenceText" name="evidenceText" rows={4} defaultValue={d("evidenceText")} className="w-full rounded-md border border-slate-300 px-3 py-2" />
            </div>
            <div>
              <label htmlFor="evidenceFile" className="mb-1 block text-sm">Their form text as a file (.txt or .html, up to 1 MB)</label>
              <input id="evidenceFile" name="evidenceFile" type="file" accept=".txt,.html,.htm,text/plain,text/html" className="block text-sm" />
            </div>
            <div>
              <label htmlFor="evidenceShownAt" className="mb-1 block text-sm">Date of that form text (in use since)</label>
              <input id="evidenceShownAt" name="evidenceShownAt" type="date" defaultValue={d("evidenceShownAt")} className="rounded-md border border-slate-300 px-3 py-2" />
            </div>
            <label className="block text-sm"><input type="checkbox" name="evidenceNamesOrg" defaultChecked={d("evidenceNamesOrg") === "on"} /> The text names our organisation as the one the data go to</label>
          </fieldset>
          <p className="text-xs text-slate-500">Optional columns: name, source, proof_reference, consent_at, confirmed_at, method, given_by (subject|parent), under16 or birth_date, proof_names_org (a row&apos;s “no” overrides the partner&apos;s text). Rows without proof land as pending and are not mailed.</p>
        </fieldset>
        <fieldset className={basis === "existing-customer" ? "space-y-2 rounded-md border border-slate-200 p-3" : "hidden"}>
          <legend className="text-sm font-medium">Existing customers</legend>
          <label className="block text-sm"><input type="checkbox" name="obtainedInSale" defaultChecked={d("obtainedInSale") === "on"} /> The addresses were given by the customers in the sale</label>
          <label className="block text-sm"><input type="checkbox" name="optOutOfferedAtCollection" defaultChecked={d("optOutOfferedAtCollection") === "on"} /> At checkout they were offered a free, easy way to object to offers</label>
          <p className="text-xs text-slate-500">Columns: email, purchase_date, product_category (optional: name, optout_offered, obtained_in_sale).</p>
        </fieldset>
        <div className="flex flex-wrap gap-3">
          {!upload && (
            <button name="mode" value="map" formAction="/api/admin/imports/uploads" formMethod="post" formEncType="multipart/form-data" disabled={busy} className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-50">Next: map columns</button>
          )}
          <button name="mode" value="preview" disabled={busy} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-50">Preview</button>
          <button name="mode" value="import" disabled={busy} className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-50">Import</button>
        </div>
      </form>
      {progress && (
        <div className="mt-4">
          <label htmlFor="import-progress" className="text-sm">{progress.phase === "writing" ? "Writing" : progress.phase === "deciding" ? "Checking rows" : "Uploading"}… {progress.done} / {progress.total}</label>
          <progress id="import-progress" className="block w-full" max={progress.total || 1} value={progress.done} />
        </div>
      )}
      {result && !result.ok && <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">{result.error}</p>}
      {result?.ok && (
        <section className="mt-6" aria-label="Import report">
          <p role="status" className="mb-2 font-medium">
            {result.mode === "preview" ? "Preview (nothing imported): " : "Imported: "}{result.accepted} of {result.total} rows accepted, {result.rejected} rejected.{" "}
            <a href={`/admin/imports/${result.importId}`}>Stored report</a>
          </p>
          <ul className="mb-3 text-sm">
            {Object.entries(result.counts).map(([k, n]) => <li key={k}>{labels[k] ?? k}: {n}</li>)}
          </ul>
          <label className="text-sm"><input type="checkbox" checked={onlyRejected} onChange={(e) => setOnlyRejected(e.target.checked)} /> Show rejected rows only</label>
          <ScrollRegion label="Import rows"><table className="mt-2 w-full text-left text-sm">
            <thead><tr><th>Row</th><th>Address</th><th>Outcome</th><th>Reason</th></tr></thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.row} className="border-t border-slate-100"><td>{r.row}</td><td>{r.email}</td><td>{r.accepted ? `accepted (${r.landAs})` : "rejected"}</td><td>{labels[r.reason] ?? r.reason}</td></tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        </section>
      )}
    </>
  );
}
