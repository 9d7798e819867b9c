import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { Card, PageHeader } from "@/components/ui";
import { NewForm } from "../new-form";

export const metadata = { title: "New form" };

export const dynamic = "force-dynamic";

export default async function NewFormPage() {
  await requirePage("forms.manage");
  const newsletters = await db.newsletter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title="New signup form" />
      <Card className="max-w-2xl"><NewForm newsletters={newsletters} /></Card>
    </>
  );
}
