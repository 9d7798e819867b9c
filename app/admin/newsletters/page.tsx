import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";

export const metadata = { title: "Newsletters" };

export const dynamic = "force-dynamic";

export default async function NewslettersPage() {
  await requirePage("newsletters.manage");
  const newsletters = await db.newsletter.findMany({ orderBy: [{ archivedAt: "asc" }, { name: "asc" }] });
  return (
    <>
      <PageHeader title="Newsletters">
        <Link href="/admin/newsletters/new" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-indigo-800">New newsletter</Link>
      </PageHeader>
      <Card>
        {newsletters.length === 0 ? <p>No newsletters yet.</p> : (
          <ScrollRegion label="Newsletters"><table className="w-full text-left text-sm">
            <thead><tr><th className="py-2">Name</th><th>Slug</th><th>Language</th><th>Signup page</th><th>Status</th></tr></thead>
            <tbody>
              {newsletters.map((n) => (
                <tr key={n.id} className="border-t border-slate-100">
                  <td className="py-2"><Link href={`/admin/newsletters/${n.id}`}>{n.name}</Link></td>
                  <td>{n.slug}</td>
                  <td>{n.language}</td>
                  <td><a href={`/n/${n.slug}`}>/n/{n.slug}</a></td>
                  <td>{n.archivedAt ? "archived" : "active"}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
