import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { NewIssueForm } from "./new-issue-form";

export const metadata = { title: "Issues" };

export const dynamic = "force-dynamic";

const STATUS: Record<string, string> = { draft: "Draft", scheduled: "Scheduled", sending: "Sending", sent: "Sent", cancelled: "Cancelled" };

export default async function IssuesPage() {
  await requirePage("issues.write");
  const [issues, newsletters] = await Promise.all([
    db.issue.findMany({ orderBy: { createdAt: "desc" }, take: 100, include: { newsletter: { select: { name: true } } } }),
    db.newsletter.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return (
    <>
      <PageHeader title="Issues" />
      <Card className="mb-6">
        <h2 className="mb-3 font-semibold">New issue</h2>
        {newsletters.length ? <NewIssueForm newsletters={newsletters} /> : <p>Create a newsletter first.</p>}
      </Card>
      <Card>
        {issues.length === 0 ? (
          <p className="text-slate-600">No issues yet.</p>
        ) : (
          <ScrollRegion label="Issues"><table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b text-slate-500"><th className="py-2">Subject</th><th>Newsletter</th><th>Status</th><th>Created</th></tr>
            </thead>
            <tbody>
              {issues.map((i) => (
                <tr key={i.id} className="border-b last:border-0">
                  <td className="py-2"><Link href={`/admin/issues/${i.id}`}>{i.subject}</Link></td>
                  <td>{i.newsletter.name}</td>
                  <td>{STATUS[i.status] ?? i.status}{i.status === "scheduled" && i.scheduledAt ? ` (${i.scheduledAt.toISOString().slice(0, 16).replace("T", " ")} UTC)` : ""}</td>
                  <td>{i.createdAt.toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
