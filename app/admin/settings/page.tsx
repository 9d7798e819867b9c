import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { getOrganisation } from "@/lib/settings/get-organisation";
import { Card, PageHeader } from "@/components/ui";
import { SettingsForm } from "./settings-form";
import { BrandingForm } from "./branding-form";
import { getBrandingSettings } from "@/lib/settings/get-branding";
import { MESSAGES } from "@/lib/i18n/translator";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.settings.title");

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requirePage("settings.manage");
  const [organisation, branding, t] = await Promise.all([getOrganisation(db), getBrandingSettings(db), staffTranslator("admin.settings")]);
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
      <section aria-labelledby="branding" className="mt-6 max-w-2xl">
        <h2 id="branding" className="mb-2 text-lg font-semibold">{MESSAGES.en.branding.title}</h2>
        <p className="mb-4 text-sm text-slate-600">{MESSAGES.en.branding.intro}</p>
        <Card><BrandingForm settings={branding} messages={MESSAGES.en.branding} /></Card>
      </section>
      <p className="mt-4 text-sm"><Link className="underline" href="/admin/settings/domain">Check the sending domain (SPF, DKIM, DMARC)</Link></p>
    </>
  );
}
