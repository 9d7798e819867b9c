import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { Card, PageHeader } from "@/components/ui";
import { decideExport, reasonLabel } from "@/lib/rules";
import { getAnchorStatus } from "@/lib/consent/anchor-head";
import { ANCHOR_CHANNEL_LABEL } from "@/lib/consent/describe-anchor";
import { AnchorForm } from "./anchor-form";

export const metadata = { title: "Exports" };

// What a sharing export answers for someone without a sharing consent: asked of lib/rules, not restated here.
const SHARE_DENIAL = decideExport({ purpose: "share-with-third-party", consent: { shareWithThirdParties: false } }).reason;

export const dynamic = "force-dynamic";

export default async function ExportsPage() {
  await requirePage("exports.run");
  const newsletters = await db.newsletter.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  const anchors = await getAnchorStatus(db);
  const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;
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
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Ledger anchor</h2>
        <p className="mb-4 text-sm">
          Every export ends with a head of the consent ledger signed with this install&apos;s key. Anchoring puts a head where
          the organisation cannot change it: an RFC 3161 timestamp authority (<code>LEDGER_TSA_URL</code>) and an e-mail to an
          outside address (<code>LEDGER_ANCHOR_EMAIL</code>). The worker anchors a new head once a day; this button signs and
          anchors one now. It is recorded in the audit log.
        </p>
        <ul className="mb-4 text-sm" aria-label="Last anchors">
          {anchors.last.map(({ channel, attempt, success }) => (
            <li key={channel} data-channel={channel}>
              <span className="font-medium">{ANCHOR_CHANNEL_LABEL[channel][0].toUpperCase() + ANCHOR_CHANNEL_LABEL[channel].slice(1)}:</span>{" "}
              {!anchors.channels.includes(channel) && !attempt ? "not configured" : !attempt ? "configured, not anchored yet"
                : attempt.ok ? `last anchored: ${utc(attempt.at)}, ${ANCHOR_CHANNEL_LABEL[channel]} (head ${attempt.seq}, ${attempt.detail})`
                  : `failed: ${attempt.detail} (${utc(attempt.at)}, head ${attempt.seq}; retried on the next run)${success ? `; last anchored: ${utc(success.at)} (head ${success.seq})` : ""}`}
              {!anchors.channels.includes(channel) && attempt ? " (no longer configured)" : ""}
            </li>
          ))}
        </ul>
        <AnchorForm />
      </Card>
    </>
  );
}
