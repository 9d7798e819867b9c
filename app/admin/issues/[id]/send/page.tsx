// The pre-send report: how many will receive the issue, how many are excluded and why (counts only), then
// confirm and send now, or schedule.
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { preSendReport } from "@/lib/sending/pre-send-report";
import { outcomeLabel } from "@/lib/sending/reason-text";
import { Card, PageHeader } from "@/components/ui";
import { SendForms } from "./send-forms";

export const dynamic = "force-dynamic";

export default async function SendIssuePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage("issues.write");
  const { id } = await params;
  const issue = await db.issue.findUnique({ where: { id }, include: { newsletter: { select: { name: true } } } });
  if (!issue) notFound();
  if (issue.status !== "draft" && issue.status !== "scheduled") redirect(`/admin/issues/${id}`);
  const report = (await preSendReport({ issueId: id }))!;
  const excluded = Object.entries(report.excluded).sort((a, b) => b[1] - a[1]);
  const excludedTotal = excluded.reduce((n, [, c]) => n + c, 0);
  return (
    <>
      <PageHeader title={`Send “${issue.subject}”`}>
        <Link href={`/admin/issues/${id}`}>Back to the composer</Link>
      </PageHeader>
      <Card className="mb-6">
        <h2 className="mb-3 font-semibold">Pre-send report for {issue.newsletter.name}</h2>
        <p className="mb-2 text-lg" data-testid="report-recipients"><strong>{report.recipients}</strong> {report.recipients === 1 ? "recipient" : "recipients"} will receive this issue.</p>
        <p className="mb-3 text-sm text-slate-600">{excludedTotal} excluded of {report.candidates} subscriptions to this newsletter. Every recipient is checked again right before their message is sent.</p>
        {excluded.length > 0 && (
          <table className="w-full text-left text-sm" data-testid="report-excluded">
            <thead><tr className="border-b text-slate-500"><th className="py-1">Excluded because</th><th>Code</th><th className="text-right">Count</th></tr></thead>
            <tbody>
              {excluded.map(([code, n]) => (
                <tr key={code} className="border-b last:border-0"><td className="py-1">{outcomeLabel(code)}</td><td><code>{code}</code></td><td className="text-right">{n}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <SendForms issueId={id} recipients={report.recipients} />
    </>
  );
}
