import { requirePage } from "@/lib/auth/guard";
import { Card, PageHeader } from "@/components/ui";

export default async function AdminHome() {
  const staff = await requirePage("stats.read");
  return (
    <>
      <PageHeader title="Admin home" />
      <Card>
        <p>Welcome{staff.name ? `, ${staff.name}` : ""}. You are signed in as {staff.role}.</p>
      </Card>
    </>
  );
}
