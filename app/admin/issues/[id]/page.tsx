import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { previewIssue } from "@/lib/sending/preview-issue";
import { sendProgress } from "@/lib/sending/send-progress";
import { outcomeLabel } from "@/lib/sending/reason-text";
import { Button, Card, PageHeader, ScrollRegion } from "@/components/ui";
import { controlSendAction, unscheduleAction } from "../actions";
import { Composer } from "./composer";
import type { DeclarationState } from "./declaration-form";
import { AutoRefresh } from "./auto-refresh";
import { imageUploadLabels } from "./image-upload-labels";
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.issues.detailTitle");

export const dynamic = "force-dynamic";

export default async function IssuePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage("issues.write");
  const { id } = await params;
  const issue = await db.issue.findUnique({ where: { id }, include: { newsletter: { select: { name: true, categories: true } } } });
  if (!issue) notFound();
  const editable = issue.status === "draft" || issue.status === "scheduled";
  const send = await db.send.findFirst({ where: { issueId: id }, orderBy: { createdAt: "desc" }, select: { id: true } });
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  // Answers are shown only once the editor has declared (categories are set then); until then nothing is chosen.
  const answered = Array.isArray(issue.categories);
  const declaredBy = issue.declaredById ? await db.user.findUnique({ where: { id: issue.declaredById }, select: { email: true } }) : null;
  const declaration: DeclarationState = {
    newsletterCategories: strings(issue.newsletter.categories),
    categories: answered ? strings(issue.categories) : null,
    thirdPartyPromotion: answered ? issue.thirdPartyPromotion : null,
    basis: answered ? issue.basis : null,
    declared: issue.declaredAt ? { at: issue.declaredAt.toISOString(), by: declaredBy?.email ?? null } : null,
  };

  const [t, format] = await Promise.all([staffTranslator("admin.issues"), staffFormatter()]);
  return (
    <>
      <PageHeader title={issue.subject}>
        <Link href="/admin/issues">{t("all")}</Link>
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        {issue.newsletter.name} · <span data-testid="issue-status">{t(`state.${issue.status}` as "state.draft")}</span>
        {issue.status === "scheduled" && issue.scheduledAt && <> {t("scheduledFor", { at: format.dateTime(issue.scheduledAt, { dateStyle: "medium", timeStyle: "short" }) })}</>}
      </p>
      {issue.status === "scheduled" && (
        <form action={unscheduleAction.bind(null, id)} className="mb-4">
          <Button type="submit" variant="secondary">{t("unschedule")}</Button>
        </form>
      )}
      {editable ? (
        <Composer
          issueId={id}
          initial={{ subject: issue.subject, preheader: issue.preheader, bodyMarkdown: issue.bodyMarkdown }}
          initialPreview={await previewIssue({ issueId: id }).then((r) => (r.ok ? r : null))}
          declaration={declaration}
          imageLabels={imageUploadLabels()}
        />
      ) : send ? (
        <Progress issueId={id} sendId={send.id} />
      ) : null}
    </>
  );
}

async function Progress({ issueId, sendId }: { issueId: string; sendId: string }) {
  const p = (await sendProgress(sendId))!;
  const done = p.counts.sent + p.counts.skipped + p.counts.failed;
  const pct = p.total ? Math.round((done / p.total) * 100) : 100;
  const live = p.status === "running" || p.status === "paused";
  const t = await staffTranslator("admin.issues.progress");
  return (
    <Card>
      {live && <AutoRefresh />}
      <h2 className="mb-3 font-semibold">{t("heading")}</h2>
      <p className="mb-2 text-sm">{t("send")} <span data-testid="send-status">{p.status}</span>{p.ratePerSec ? t("limited", { rate: p.ratePerSec }) : ""}</p>
      <progress className="mb-2 h-3 w-full" max={p.total || 1} value={done} aria-label={t("label")}>{pct}%</progress>
      <p className="mb-4 text-sm">{t("handled", { done, total: p.total, pct })}</p>
      <dl className="mb-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" data-testid="send-counts">
        {(["sent", "skipped", "failed", "queued", "sending"] as const).map((k) => (
          <div key={k} className="rounded-md border border-slate-200 p-2">
            <dt className="text-slate-500">{t(`count.${k}`)}</dt>
            <dd className="text-lg font-semibold" data-testid={`count-${k}`}>{p.counts[k]}</dd>
          </div>
        ))}
      </dl>
      {p.waitingForMailServer && (
        <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm" role="status" data-testid="send-waiting-mail-server">
          {p.waitingForMailServer.lastError
            ? t("waitingError", { count: p.waitingForMailServer.count, error: p.waitingForMailServer.lastError })
            : t("waiting", { count: p.waitingForMailServer.count })}
        </p>
      )}
      {p.retrying > 0 && <p className="mb-3 text-sm">{t("retrying", { count: p.retrying })}</p>}
      {p.reasons.length > 0 && (
        <ScrollRegion label={t("byReason")}><table className="mb-4 w-full text-left text-sm" data-testid="send-reasons">
          <thead><tr className="border-b text-slate-500"><th className="py-1">{t("rcol.outcome")}</th><th>{t("rcol.reason")}</th><th>{t("rcol.code")}</th><th className="text-right">{t("rcol.count")}</th></tr></thead>
          <tbody>
            {p.reasons.map((r) => (
              <tr key={`${r.status}-${r.reason}`} className="border-b last:border-0">
                <td className="py-1">{r.status}</td><td>{outcomeLabel(r.reason)}</td><td><code className="text-xs text-slate-500">{r.reason}</code></td><td className="text-right">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      )}
      <p className="mb-4 text-sm"><Link href={`/admin/issues/${issueId}/delivery`} className="underline">{t("delivery")}</Link></p>
      <div className="flex gap-3">
        {p.status === "running" && <form action={controlSendAction.bind(null, issueId, sendId, "pause")}><Button type="submit" variant="secondary">{t("pause")}</Button></form>}
        {p.status === "paused" && <form action={controlSendAction.bind(null, issueId, sendId, "resume")}><Button type="submit">{t("resume")}</Button></form>}
        {live && <form action={controlSendAction.bind(null, issueId, sendId, "cancel")}><Button type="submit" variant="danger">{t("cancel")}</Button></form>}
      </div>
    </Card>
  );
}
