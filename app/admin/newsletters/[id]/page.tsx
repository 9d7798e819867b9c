import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { formatSimilarMap } from "@/lib/newsletters/newsletter-input";
import { implicitFormSlug } from "@/lib/consent/form-definition";
import { Button, Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { NewsletterForm } from "../newsletter-form";
import { languageTextsLabels } from "../language-texts-labels";
import { storedTexts, TEXTS } from "@/lib/newsletters/newsletter-texts";
import { listBackends } from "@/lib/mail/backends";
import { archiveNewsletterAction, sendRepermissionAction } from "../actions";
import { countEarlierConsents } from "@/lib/repermission/count-earlier-consents";
import { newsletterDeliveryChart } from "@/lib/sending/newsletter-delivery-chart";
import { DeliveryChart } from "@/components/delivery-chart";
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.newsletters.detailTitle");

export const dynamic = "force-dynamic";

export default async function NewsletterPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ repermission?: string }> }) {
  await requirePage("newsletters.manage");
  const { id } = await params;
  const { repermission } = await searchParams;
  const n = await db.newsletter.findUnique({ where: { id }, include: { texts: TEXTS } });
  if (!n) notFound();
  const implicit = await db.form.findUnique({ where: { slug: implicitFormSlug(n.id) }, include: { currentVersion: true } });
  const counts = await db.subscription.groupBy({ by: ["status"], where: { newsletterId: n.id }, _count: true });
  const earlier = await countEarlierConsents({ newsletterId: n.id }); // also creates version 1 for older newsletters
  const history = await db.purposeVersion.findMany({ where: { newsletterId: n.id }, orderBy: { version: "desc" } });
  const weeks = await newsletterDeliveryChart({ newsletterId: n.id });
  const [t, format] = await Promise.all([staffTranslator("admin.newsletters"), staffFormatter()]);
  return (
    <>
      <PageHeader title={n.name}>
        <form action={archiveNewsletterAction.bind(null, n.id, !n.archivedAt)}>
          <Button variant="secondary" type="submit">{n.archivedAt ? t("restore") : t("archive")}</Button>
        </form>
      </PageHeader>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <NewsletterForm id={n.id} values={{
            slug: n.slug, language: n.language, fromEmail: n.fromEmail, texts: storedTexts(n),
            replyTo: n.replyTo ?? "", frequency: n.frequency ?? "", categories: ((n.categories as string[]) ?? []).join(", "), similarMap: formatSimilarMap(n.similarMap),
            thirdPartyOffers: n.thirdPartyOffers, aimedAtChildren: n.aimedAtChildren, publicArchive: n.publicArchive, sendingBackend: n.sendingBackend ?? "", template: n.template,
            customerProducts: (Array.isArray(n.customerProducts) ? (n.customerProducts as string[]) : []).join(", "),
          }} backends={listBackends().map((b) => b.name)} textLabels={languageTextsLabels()} />
        </Card>
        <Card>
          <h2 className="mb-2 font-semibold">{t("signupPage")}</h2>
          {n.archivedAt ? <p className="text-sm">{t("archivedNoSignups")}</p> : <p className="text-sm"><a href={`/n/${n.slug}`}>/n/{n.slug}</a></p>}
          <p className="mt-2 text-sm text-slate-600">
            {implicit?.currentVersion
              ? t.rich("currentText", { version: implicit.currentVersion.version, hash: implicit.currentVersion.contentHash.slice(0, 12), code: (c) => <code>{c}</code>, link: (c) => <Link href={`/admin/forms/${implicit.id}`}>{c}</Link> })
              : t("autoPublished")}
          </p>
          <h2 className="mb-2 mt-4 font-semibold">{t("subscriptions")}</h2>
          <ul className="text-sm">
            {counts.length === 0 ? <li>{t("noneYet")}</li> : counts.map((c) => <li key={c.status}>{t(`status.${c.status}`)}: {c._count}</li>)}
          </ul>
          <h2 className="mb-2 mt-4 font-semibold">{t("earlierHeading")}</h2>
          {repermission === "queued" && <Notice kind="success">{t("repermissionQueued")}</Notice>}
          <p className="text-sm" data-testid="earlier-consents">
            {earlier && earlier.earlier > 0
              ? t("earlier", { count: earlier.earlier, revision: earlier.currentRevision })
              : t("allCurrent")}
          </p>
          {earlier && earlier.earlier > 0 && (
            <form action={sendRepermissionAction.bind(null, n.id)} className="mt-2">
              <Button type="submit" variant="secondary">{t("sendRepermission")}</Button>
              <p className="mt-1 text-xs text-slate-500">{t("repermissionHint")}</p>
            </form>
          )}
        </Card>
        <Card className="lg:col-span-3">
          <h2 className="mb-2 font-semibold">{t("history")}</h2>
          <ScrollRegion label={t("history")}>
          <table className="w-full text-left text-sm" data-testid="purpose-history">
            <thead><tr><th className="py-2">{t("hcol.version")}</th><th>{t("hcol.revision")}</th><th>{t("hcol.change")}</th><th>{t("hcol.date")}</th><th>{t("hcol.name")}</th><th>{t("hcol.categories")}</th></tr></thead>
            <tbody>
              {history.map((v) => (
                <tr key={v.id} className="border-t border-slate-100">
                  <td className="py-2">{v.version}</td>
                  <td>{v.revision}</td>
                  <td>{v.change}</td>
                  <td>{format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short" })} UTC</td>
                  <td>{v.name}</td>
                  <td>{(Array.isArray(v.categories) ? (v.categories as string[]) : []).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollRegion>
        </Card>
        <Card className="lg:col-span-3">
          <h2 className="mb-2 text-lg font-semibold">{t("sendsOverTime")}</h2>
          <DeliveryChart points={weeks} />
        </Card>
      </div>
    </>
  );
}
