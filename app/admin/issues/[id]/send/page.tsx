// The pre-send report: the issue's declaration and its effect per basis, how many will receive the issue,
// how many are excluded and why (counts only), then confirm and send now, or schedule. An undeclared issue
// gets no report and no send buttons, only the way back to the composer.
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { preSendReport } from "@/lib/sending/pre-send-report";
import { outcomeLabel } from "@/lib/sending/reason-text";
import { issueDeclaration } from "@/lib/sending/issue-declaration";
import { reportDeclarationEffects } from "@/lib/sending/report-declaration-effects";
import { Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { listBackends } from "@/lib/mail/backends";
import { SendForms } from "./send-forms";

export const metadata = { title: "Send issue" };

export const dynamic = "force-dynamic";

export default async function SendIssuePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage("issues.write");
  const { id } = await params;
  const issue = await db.issue.findUnique({ where: { id }, include: { newsletter: { select: { name: true, categories: true, sendingBackend: true } } } });
  if (!issue) notFound();
  if (issue.status !== "draft" && issue.status !== "scheduled") redirect(`/admin/issues/${id}`);
  const declaration = issueDeclaration({ issue, newsletterCategories: issue.newsletter.categories });
  if (!declaration.snapshot) {
    return (
      <>
        <PageHeader title={`Send “${issue.subject}”`}><Link href={`/admin/issues/${id}`}>Back to the composer</Link></PageHeader>
        <div data-testid="declaration-missing"><Notice kind="error">{declaration.error}</Notice></div>
        <ul className="mb-4 list-disc pl-6 text-sm">
          {declaration.check.problems.map((p) => <li key={`${p.code}-${p.message}`}>{p.message} <code className="text-xs text-slate-500">{p.code}</code></li>)}
        </ul>
        <Link href={`/admin/issues/${id}`} className="underline">Declare the issue in the composer</Link>
      </>
    );
  }
  const decl = declaration.snapshot;
  const report = (await preSendReport({ issueId: id }))!;
  const effects = reportDeclarationEffects({ report, declaration: decl });
  const declaredBy = decl.declaredById ? await db.user.findUnique({ where: { id: decl.declaredById }, select: { email: true } }) : null;
  const bases = Object.entries(report.byBasis).sort(([a], [b]) => a.localeCompare(b));
  const excluded = Object.entries(report.excluded).sort((a, b) => b[1] - a[1]);
  const excludedTotal = excluded.reduce((n, [, c]) => n + c, 0);
  return (
    <>
      <PageHeader title={`Send “${issue.subject}”`}>
        <Link href={`/admin/issues/${id}`}>Back to the composer</Link>
      </PageHeader>
      <Card className="mb-6">
        <h2 className="mb-3 font-semibold">Declaration</h2>
        <dl className="mb-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="report-declaration">
          <dt className="text-slate-500">Categories</dt><dd>{decl.categories.length ? decl.categories.join(", ") : "none"}</dd>
          <dt className="text-slate-500">Third-party offers</dt><dd data-testid="declared-third-party">{decl.thirdPartyPromotion ? "yes" : "no"}</dd>
          <dt className="text-slate-500">Basis</dt><dd>{decl.basis === "existing_customer" ? "consent and existing customers" : "consent only"}</dd>
          <dt className="text-slate-500">Declared</dt><dd>{decl.declaredAt.slice(0, 16).replace("T", " ")} UTC{declaredBy ? ` by ${declaredBy.email}` : ""}</dd>
        </dl>
        <ul className="mb-3 list-disc pl-6 text-sm" data-testid="report-declaration-effects">
          {effects.map((e) => <li key={`${e.cause}-${e.basis}`}>{e.text}</li>)}
        </ul>
        <ScrollRegion label="Recipients by basis"><table className="w-full text-left text-sm" data-testid="report-by-basis">
          <thead><tr className="border-b text-slate-500"><th className="py-1">Basis of the subscription</th><th className="text-right">Subscriptions</th><th className="text-right">Will receive</th><th>Excluded (code: count)</th></tr></thead>
          <tbody>
            {bases.map(([basis, c]) => (
              <tr key={basis} className="border-b last:border-0">
                <td className="py-1">{basis === "existing_customer" ? "existing customer" : basis}</td>
                <td className="text-right">{c.candidates}</td><td className="text-right">{c.recipients}</td>
                <td>{Object.entries(c.excluded).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code}: ${n}`).join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      </Card>
      <Card className="mb-6">
        <h2 className="mb-3 font-semibold">Pre-send report for {issue.newsletter.name}</h2>
        <p className="mb-2 text-lg" data-testid="report-recipients"><strong>{report.recipients}</strong> {report.recipients === 1 ? "recipient" : "recipients"} will receive this issue.</p>
        <p className="mb-3 text-sm text-slate-600">{excludedTotal} excluded of {report.candidates} subscriptions to this newsletter. Every recipient is checked again right before their message is sent.</p>
        {excluded.length > 0 && (
          <ScrollRegion label="Excluded, by reason"><table className="w-full text-left text-sm" data-testid="report-excluded">
            <thead><tr className="border-b text-slate-500"><th className="py-1">Excluded because</th><th>Code</th><th className="text-right">Count</th></tr></thead>
            <tbody>
              {excluded.flatMap(([code, n]) => [
                <tr key={code} className="border-b last:border-0" data-testid={`report-${code}`}><td className="py-1">{outcomeLabel(code)}</td><td><code className="text-xs text-slate-500">{code}</code></td><td className="text-right">{n}</td></tr>,
                // The causes lib/rules names for a reason, each on its own line (suppressed: a hard bounce, a complaint, …).
                ...Object.entries(report.causes[code] ?? {}).sort((a, b) => b[1] - a[1]).map(([cause, m]) => (
                  <tr key={cause} className="border-b text-slate-700 last:border-0" data-testid={`report-${cause}`}><td className="py-1 pl-6">of which {outcomeLabel(cause)}</td><td><code className="text-xs text-slate-500">{cause}</code></td><td className="text-right">{m}</td></tr>
                )),
              ])}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
      <SendForms issueId={id} recipients={report.recipients} backends={listBackends().map((b) => b.name)} newsletterBackend={issue.newsletter.sendingBackend} />
    </>
  );
}
