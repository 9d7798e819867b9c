import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { isImplicitFormSlug } from "@/lib/consent/form-definition";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";

export const metadata = { title: "Forms" };

export const dynamic = "force-dynamic";

export default async function FormsPage() {
  await requirePage("forms.manage");
  const forms = await db.form.findMany({ orderBy: { createdAt: "desc" }, include: { currentVersion: { select: { version: true, contentHash: true } } } });
  return (
    <>
      <PageHeader title="Signup forms">
        <Link href="/admin/forms/new" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white no-underline hover:bg-indigo-800">New form</Link>
      </PageHeader>
      <Card>
        {forms.length === 0 ? <p>No forms yet.</p> : (
          <ScrollRegion label="Signup forms"><table className="w-full text-left text-sm">
            <thead><tr><th className="py-2">Name</th><th>Public page</th><th>Language</th><th>Current version</th><th>Status</th></tr></thead>
            <tbody>
              {forms.map((f) => (
                <tr key={f.id} className="border-t border-slate-100">
                  <td className="py-2"><Link href={`/admin/forms/${f.id}`}>{f.name}</Link></td>
                  <td>{isImplicitFormSlug(f.slug) ? "newsletter page (automatic)" : <a href={`/f/${f.slug}`}>/f/{f.slug}</a>}</td>
                  <td>{f.language}</td>
                  <td>{f.currentVersion ? <>v{f.currentVersion.version} <code>{f.currentVersion.contentHash.slice(0, 12)}</code></> : "not published"}</td>
                  <td>{f.archivedAt ? "closed" : "open"}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
