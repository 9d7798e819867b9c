import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { getOrganisation } from "@/lib/settings/get-organisation";
import { Card, PageHeader } from "@/components/ui";
import { SettingsForm } from "./settings-form";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.settings.title");

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requirePage("settings.manage");
  const [organisation, t] = await Promise.all([getOrganisation(db), staffTranslator("admin.settings")]);
  return (
    <>
      <PageHeader title={t("heading")} />
      <p className="mb-4 max-w-2xl text-sm text-slate-600">
        {t.rich("registerIntro", { link: (c) => <Link className="text-indigo-700 underline" href="/admin/privacy/register">{c}</Link> })}
      </p>
      <Card className="max-w-2xl">
        <p className="mb-4 text-sm text-slate-600">{t.rich("intro", { link: (c) => <a href="/admin/privacy">{c}</a> })}</p>
        <SettingsForm organisation={organisation} />
      </Card>
      <p className="mt-4 text-sm"><Link className="underline" href="/admin/settings/domain">{t("domainLink")}</Link></p>
    </>
  );
}
