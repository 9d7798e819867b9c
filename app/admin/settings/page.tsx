import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { getOrganisation } from "@/lib/settings/get-organisation";
import { Card, PageHeader } from "@/components/ui";
import { SettingsForm } from "./settings-form";
import { BrandingForm } from "./branding-form";
import { getBrandingSettings } from "@/lib/settings/get-branding";
import { MESSAGES } from "@/lib/i18n/translator";

export const metadata = { title: "Settings" };

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requirePage("settings.manage");
  const [organisation, branding] = await Promise.all([getOrganisation(db), getBrandingSettings(db)]);
  return (
    <>
      <PageHeader title="Organisation settings" />
      <p className="mb-4 max-w-2xl text-sm text-slate-600">
        The privacy statement&apos;s newsletters section and the record of processing activities (AVG art. 30) are generated from these
        settings, the newsletters and the retention terms: <Link className="text-indigo-700 underline" href="/admin/privacy/register">Processing register</Link>.
      </p>
      <Card className="max-w-2xl">
        <p className="mb-4 text-sm text-slate-600">These details appear on every signup form and in every message footer. A form cannot be published without the name, the contact e-mail and a privacy statement: this link, or a version published on the <a href="/admin/privacy">Privacy statement</a> page (forms then link to that version).</p>
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
