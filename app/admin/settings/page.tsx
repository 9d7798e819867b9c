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
      <Card className="mt-6 max-w-2xl">
        <h2 className="mb-1 text-lg font-semibold">Privacy documents</h2>
        <p className="text-sm text-slate-600">
          A draft privacy-statement section and the record of processing activities (AVG art. 30), generated from these settings, the
          newsletters and the retention terms: <Link href="/admin/privacy/register" className="text-indigo-700 underline">Processing register</Link>.
        </p>
      </Card>
    </>
  );
}
