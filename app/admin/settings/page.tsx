import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { getOrganisation } from "@/lib/settings/get-organisation";
import { Card, PageHeader } from "@/components/ui";
import { SettingsForm } from "./settings-form";

export const metadata = { title: "Settings" };

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requirePage("settings.manage");
  const organisation = await getOrganisation(db);
  return (
    <>
      <PageHeader title="Organisation settings" />
      <Card className="max-w-2xl">
        <p className="mb-4 text-sm text-slate-600">These details appear on every signup form and in every message footer. A form cannot be published without the name, the contact e-mail and the privacy link.</p>
        <SettingsForm organisation={organisation} />
      </Card>
      <p className="mt-4 text-sm"><Link className="underline" href="/admin/settings/domain">Check the sending domain (SPF, DKIM, DMARC)</Link></p>
    </>
  );
}
