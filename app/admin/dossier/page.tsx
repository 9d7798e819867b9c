import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { Button, Card, Field, Notice, PageHeader } from "@/components/ui";

export const metadata = { title: "Complaint dossier" };

export const dynamic = "force-dynamic";

// A typed address finds the person through the suppression list's keyed hash, so an erased person is found
// too. The form posts (the address stays out of URLs, history and logs) and the answer is the file itself.
export default async function DossierPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("exports.run");
  const sp = await searchParams;
  const select = "rounded-md border border-slate-300 px-3 py-2";
  return (
    <>
      <PageHeader title="Complaint dossier" />
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      {sp.result === "nothing-found" && <Notice>Nothing found: no subscriber, kept consent record or suppression entry matches that address.</Notice>}
      <Card className="mb-6">
        <p className="mb-4 text-sm">
          When someone complains (&quot;I never signed up&quot;), this is everything that proves or disproves the lawfulness of every
          message to them: the controller, the person, every consent, withdrawal and objection with the exact form text and purpose
          they saw, every message with the send gate&apos;s record, the suppressions and the retention that applies. After an erasure it
          shows what is lawfully kept. The JSON can be checked offline with <code>npm run proof:verify -- FILE</code>. Every dossier,
          and every search that finds nothing, is recorded in the audit log. For someone on the list, the subscriber&apos;s page has the
          same action (<Link href="/admin/subscribers">Subscribers</Link>).
        </p>
        <form method="post" action="/api/admin/exports/dossier" className="max-w-xl">
          <Field label="Email address" name="email" type="email" required maxLength={320} autoComplete="off" />
          <div className="mb-4 flex flex-wrap gap-4">
            <div>
              <label htmlFor="lang" className="mb-1 block text-sm font-medium">Language</label>
              <select id="lang" name="lang" className={select} defaultValue="nl">
                <option value="nl">Nederlands</option>
                <option value="en">English</option>
              </select>
            </div>
            <div>
              <label htmlFor="format" className="mb-1 block text-sm font-medium">Format</label>
              <select id="format" name="format" className={select} defaultValue="pdf">
                <option value="pdf">PDF (to read)</option>
                <option value="json">JSON (to verify)</option>
              </select>
            </div>
          </div>
          <Button type="submit">Make the dossier</Button>
        </form>
      </Card>
    </>
  );
}
