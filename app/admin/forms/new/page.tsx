import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { Card, PageHeader } from "@/components/ui";
import { NewForm } from "../new-form";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.forms.newTitle");

export const dynamic = "force-dynamic";

export default async function NewFormPage() {
  await requirePage("forms.manage");
  const t = await staffTranslator("admin.forms");
  const newsletters = await db.newsletter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title={t("newHeading")} />
      <Card className="max-w-2xl"><NewForm newsletters={newsletters} /></Card>
    </>
  );
}
