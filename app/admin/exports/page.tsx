import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { Card, PageHeader } from "@/components/ui";
import { decideExport, reasonLabel } from "@/lib/rules";

export const metadata = { title: "Exports" };

// What a sharing export answers for someone without a sharing consent: asked of lib/rules, not restated here.
const SHARE_DENIAL = decideExport({ purpose: "share-with-third-party", consent: { shareWithThirdParties: false } }).reason;

export const dynamic = "force-dynamic";

export default async function ExportsPage() {
  await requirePage("exports.run");
  const newsletters = await db.newsletter.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title="Consent exports" />
      <Card className="mb-6">
        <p className="mb-4 text-sm">
          One line per subscription with its consent facts and the hash of the form text the person saw. The first line(s) state
          whether the consent ledger verified intact. Every export is recorded in the audit log. For one person&apos;s proof document,
          open them under <Link href="/admin/subscribers">Subscribers</Link>.
        </p>
        <p className="mb-4 text-sm">
          Giving or selling subscriber data to a third party needs each person&apos;s own, separate consent naming the recipients
          (R-SHARE-THIRD-PARTY). Proofmail records no such consent, so a sharing export contains nobody: its last line gives the
          count left out, by reason ({reasonLabel(SHARE_DENIAL, "en")}, {SHARE_DENIAL}).
        </p>
        <form method="get" action="/api/admin/exports/bulk" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="newsletterId" className="mb-1 block text-sm font-medium">Newsletter</label>
            <select id="newsletterId" name="newsletterId" className="rounded-md border border-slate-300 px-3 py-2">
              <option value="">All newsletters</option>
              {newsletters.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="purpose" className="mb-1 block text-sm font-medium">Purpose</label>
            <select id="purpose" name="purpose" className="rounded-md border border-slate-300 px-3 py-2">
              <option value="proof">Proof of consent (our own record)</option>
              <option value="share-with-third-party">Share with a third party</option>
            </select>
          </div>
          <div>
            <label htmlFor="format" className="mb-1 block text-sm font-medium">Format</label>
            <select id="format" name="format" className="rounded-md border border-slate-300 px-3 py-2">
              <option value="ndjson">NDJSON</option>
              <option value="csv">CSV</option>
            </select>
          </div>
          <button className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white">Download</button>
        </form>
      </Card>
    </>
  );
}
