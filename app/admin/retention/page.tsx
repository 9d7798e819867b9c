import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { getRetentionPolicy } from "@/lib/retention/get-retention-policy";
import { ACTION_LABELS, reasonText, sortedPolicyVersions, termsText } from "@/lib/retention/purge-report";
import type { PurgeCounts } from "@/lib/retention/run-purge";
import { resolveRetentionPolicy, retentionStatement, type RetentionPolicy } from "@/lib/rules";
import { Button, Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { resetPolicy, saveCustomerRecordTerm, savePolicy, startDryRun } from "./actions";

export const metadata = { title: "Retention" };

export const dynamic = "force-dynamic";

const FIELDS: { name: keyof RetentionPolicy; label: string; unit: string; min: number }[] = [
  { name: "pendingDays", label: "Unconfirmed signups deleted after", unit: "days", min: 1 },
  { name: "withdrawnGraceDays", label: "Data erased after unsubscribe", unit: "days", min: 0 },
  { name: "keepProofMonths", label: "Consent proof kept after unsubscribe", unit: "months", min: 0 },
  { name: "deliveryLogDays", label: "Delivery logs anonymised after", unit: "days", min: 0 },
];

function PolicyForm({ id, policy, submit }: { id: string; policy: RetentionPolicy; submit: string }) {
  return (
    <form action={savePolicy} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="newsletterId" value={id} />
      {FIELDS.map((f) => (
        <label key={f.name} className="text-sm">
          <span className="mb-1 block font-medium">{f.label} ({f.unit})</span>
          <input name={f.name} type="number" min={f.min} step={1} required defaultValue={policy[f.name]} className="w-28 rounded-md border border-slate-300 px-2 py-1" />
        </label>
      ))}
      <Button type="submit">{submit}</Button>
    </form>
  );
}

function countsSummary(c: PurgeCounts | null, dry: boolean) {
  if (!c) return "—";
  const parts = (["delete-pending", "erase", "erase-proof"] as const).filter((a) => c.actions?.[a]).map((a) => `${c.actions[a]} ${ACTION_LABELS[a][dry ? "dry" : "done"]}`);
  if (c.deliveriesStripped) parts.push(`${c.deliveriesStripped} delivery log rows ${dry ? "would be" : ""} anonymised`);
  if (c.errors) parts.push(`${c.errors} errors`);
  return parts.length ? parts.join("; ") : "nothing to do";
}

export default async function RetentionPage({ searchParams }: { searchParams: Promise<{ saved?: string; error?: string; for?: string; run?: string; typed?: string }> }) {
  await requirePage("retention.manage");
  const sp = await searchParams;
  const [globalInput, newsletters, rows, runs, org] = await Promise.all([
    getRetentionPolicy(db, null),
    db.newsletter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, language: true } }),
    db.retentionPolicy.findMany({ select: { newsletterId: true, version: true } }),
    db.purgeRun.findMany({ orderBy: { startedAt: "desc" }, take: 20 }),
    db.organisation.findUnique({ where: { id: 1 }, select: { customerRecordMonths: true, customerWindowMonths: true } }),
  ]);
  const hasOwn = new Set(rows.filter((o) => o.newsletterId !== null).map((o) => o.newsletterId));
  // Policy versions: forms record the one they promised (0 = the built-in defaults, never saved).
  const versionOf = new Map(rows.map((r) => [r.newsletterId ?? "global", r.version]));
  const globalVersion = versionOf.get("global") ?? 0;
  const global = resolveRetentionPolicy(globalInput);
  const policies = (await Promise.all(newsletters.map((n) => getRetentionPolicy(db, n.id)))).map(resolveRetentionPolicy);
  const last = runs[0];
  const inProgress = last && (last.status === "running" || last.status === "queued");
  const lastCounts = (last?.counts ?? null) as PurgeCounts | null;

  return (
    <>
      {/* Without JavaScript: refresh while the last run is still going. */}
      {inProgress && <meta httpEquiv="refresh" content="2" />}
      <PageHeader title="Retention">
        <form action={startDryRun}><Button type="submit">Start a dry run</Button></form>
      </PageHeader>
      {sp.error && sp.for !== "customer-record" && <Notice kind="error">{sp.error}</Notice>}
      {sp.saved && sp.saved !== "customer-record" && <Notice kind="success">Saved. Forms published from now on state the new terms.</Notice>}

      <Card className="mb-6">
        <h2 className="mb-1 text-lg font-semibold">Default terms <span className="text-sm font-normal text-slate-600">— version {globalVersion}</span></h2>
        <p className="mb-2 text-sm text-slate-600">Apply to every newsletter without terms of its own. The purge runs daily in the worker; signup forms generate their retention sentence from these numbers.</p>
        <p className="mb-4 text-sm text-slate-600">Each change is a new policy version, and forms shown from then on state it. People keep the terms of the form they signed up through unless the current ones are shorter: a shorter term applies to everyone at the next purge, a longer one only to people who sign up after the change.</p>
        <PolicyForm id="global" policy={global} submit="Save default" />
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer text-slate-700">What forms will say</summary>
          <p className="mt-2" lang="nl">{retentionStatement(global, "nl")}</p>
          <p className="mt-2" lang="en">{retentionStatement(global, "en")}</p>
        </details>
      </Card>

      <Card className="mb-6">
        <h2 className="mb-1 text-lg font-semibold">Per newsletter</h2>
        <p className="mb-4 text-sm text-slate-600">When someone is subscribed to several newsletters, the shortest term among them applies: nobody is kept longer than any form promised.</p>
        {newsletters.length === 0 && <p className="text-sm">No newsletters yet.</p>}
        <ul className="divide-y divide-slate-200">
          {newsletters.map((n, i) => (
            <li key={n.id} className="py-4" data-testid={`policy-${n.id}`}>
              <p className="mb-2 font-medium">{n.name} <span className="text-sm font-normal text-slate-600">— {hasOwn.has(n.id) ? "own terms" : "uses the default"}, version {versionOf.get(hasOwn.has(n.id) ? n.id : "global") ?? 0}</span></p>
              {sp.error && sp.for === n.id && <Notice kind="error">{sp.error}</Notice>}
              <PolicyForm id={n.id} policy={policies[i]} submit="Save for this newsletter" />
              {hasOwn.has(n.id) && (
                <form action={resetPolicy} className="mt-2">
                  <input type="hidden" name="newsletterId" value={n.id} />
                  <Button type="submit" variant="secondary">Use the default again</Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </Card>

      <Card className="mb-6">
        <h2 id="customer-record" className="mb-1 text-lg font-semibold">Customer records (contract)</h2>
        <p className="mb-2 text-sm text-slate-600">
          Storing a buyer&apos;s details and mailing them are two questions. This term answers the first: after someone&apos;s last purchase their
          record is kept this many months for the contract itself (delivery, returns, guarantee, questions), even when they receive no newsletter.
          After it, the purge treats them like anyone else whose purpose ended. It is separate from the existing-customer window in Settings
          ({org?.customerWindowMonths == null ? "no limit" : `${org.customerWindowMonths} months`}), which only decides whether they may still be mailed.
          There is no &quot;forever&quot;: choose a whole number of months you can justify in your privacy statement. Records that tax law requires you to keep
          (invoices, 7 years) belong in your accounts, not here.
        </p>
        {sp.error && sp.for === "customer-record" && <Notice kind="error">{sp.error}</Notice>}
        {sp.saved === "customer-record" && <Notice kind="success">Saved. The next purge keeps buyers&apos; records for the new term.</Notice>}
        <form action={saveCustomerRecordTerm} className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="mb-1 block font-medium">Customer record kept after the last purchase (months)</span>
            <input name="customerRecordMonths" type="number" min={1} max={1200} step={1} required
              defaultValue={sp.for === "customer-record" && sp.typed !== undefined ? sp.typed : (org?.customerRecordMonths ?? 24)} className="w-28 rounded-md border border-slate-300 px-2 py-1" />
          </label>
          <Button type="submit">Save customer record term</Button>
        </form>
      </Card>

      <Card>
        <h2 id="runs" className="mb-3 text-lg font-semibold">Purge runs</h2>
        {last && (
          <section aria-label="Last run" className="mb-4 rounded-md border border-slate-200 p-3" data-testid="last-run">
            <p className="mb-1 text-sm font-medium">
              Last run: {last.dryRun ? "dry run" : "purge"} ({last.trigger}), {last.status}
              {last.finishedAt ? `, finished ${last.finishedAt.toISOString().replace("T", " ").slice(0, 19)} UTC` : ""}
            </p>
            <progress max={Math.max(last.total, 1)} value={last.status === "done" ? Math.max(last.total, 1) : last.processed} className="w-full" aria-label="Progress of the last run" />
            <p className="text-sm text-slate-600">{last.processed.toLocaleString("en-GB")} of {last.total.toLocaleString("en-GB")} checked</p>
            {last.error && <Notice kind="error">{last.error}</Notice>}
            {lastCounts && Object.keys(lastCounts.policyVersions ?? {}).length > 0 && (
              <ScrollRegion label="Policy versions applied"><table className="mt-2 text-sm" data-testid="policy-versions">
                <caption className="mb-1 text-left font-medium">By policy version</caption>
                <thead><tr className="border-b border-slate-200 text-left"><th className="pr-3">Newsletter</th><th className="pr-3">Version</th><th className="pr-3 text-right">People covered</th><th className="pr-3">Decided in this run</th><th>Terms of that version</th></tr></thead>
                <tbody>
                  {sortedPolicyVersions(lastCounts).map((v) => (
                    <tr key={`${v.newsletterId}:${v.version}`} className="border-b border-slate-100 align-top">
                      <td className="pr-3">{v.newsletterName}</td>
                      <td className="pr-3">v{v.version}{v.current ? " (current)" : ""}</td>
                      <td className="pr-3 text-right font-mono">{v.people ?? "—"}</td>
                      <td className="pr-3">{(["delete-pending", "erase", "erase-proof", "keep"] as const).filter((a) => v.actions[a]).map((a) => `${v.actions[a]} ${ACTION_LABELS[a][last.dryRun ? "dry" : "done"]}`).join("; ") || "—"}</td>
                      <td className="text-slate-600">{termsText(v.terms)}</td>
                    </tr>
                  ))}
                </tbody>
              </table></ScrollRegion>
            )}
            {lastCounts && Object.keys(lastCounts.reasons ?? {}).length > 0 && (
              <ScrollRegion label="Purged, by reason"><table className="mt-2 text-sm">
                <caption className="sr-only">Subscribers by reason</caption>
                <tbody>
                  {Object.entries(lastCounts.reasons).sort((a, b) => b[1] - a[1]).map(([code, n]) => (
                    <tr key={code}><td className="pr-3 text-right font-mono">{n}</td><td>{reasonText(code)} <span className="text-slate-500">({code})</span></td></tr>
                  ))}
                </tbody>
              </table></ScrollRegion>
            )}
          </section>
        )}
        {runs.length === 0 ? <p className="text-sm">No runs yet. The first scheduled purge runs when the worker starts.</p> : (
          <ScrollRegion label="Purge runs"><table className="w-full text-left text-sm">
            <thead><tr className="border-b border-slate-200"><th className="py-1">Started (UTC)</th><th>Kind</th><th>Trigger</th><th>Status</th><th>Checked</th><th>Outcome</th></tr></thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-2">{r.startedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="pr-2">{r.dryRun ? "dry run" : "purge"}</td>
                  <td className="pr-2">{r.trigger}</td>
                  <td className="pr-2">{r.status}</td>
                  <td className="pr-2">{r.processed}/{r.total}</td>
                  <td>{countsSummary(r.counts as PurgeCounts | null, r.dryRun)}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
