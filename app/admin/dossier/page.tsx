import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { Button, Card, Field, Notice, PageHeader } from "@/components/ui";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.dossier.title");

export const dynamic = "force-dynamic";

// A typed address finds the person through the suppression list's keyed hash, so an erased person is found
// too. The form posts (the address stays out of URLs, history and logs) and the answer is the file itself.
export default async function DossierPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("exports.run");
  const sp = await searchParams;
  const t = await staffTranslator("admin.dossier");
  const select = "rounded-md border border-slate-300 px-3 py-2";
  return (
    <>
      <PageHeader title={t("title")} />
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      {sp.result === "nothing-found" && <Notice>{t("nothing")}</Notice>}
      <Card className="mb-6">
        <p className="mb-4 text-sm">
          {t.rich("intro", { code: (c) => <code>{c}</code>, link: (c) => <Link href="/admin/subscribers">{c}</Link> })}
        </p>
        <form method="post" action="/api/admin/exports/dossier" className="max-w-xl">
          <Field label={t("email")} name="email" type="email" required maxLength={320} autoComplete="off" />
          <div className="mb-4 flex flex-wrap gap-4">
            <div>
              <label htmlFor="lang" className="mb-1 block text-sm font-medium">{t("language")}</label>
              <select id="lang" name="lang" className={select} defaultValue="nl">
                <option value="nl">Nederlands</option>
                <option value="en">English</option>
              </select>
            </div>
            <div>
              <label htmlFor="format" className="mb-1 block text-sm font-medium">{t("format")}</label>
              <select id="format" name="format" className={select} defaultValue="pdf">
                <option value="pdf">{t("pdf")}</option>
                <option value="json">{t("json")}</option>
              </select>
            </div>
          </div>
          <Button type="submit">{t("submit")}</Button>
        </form>
      </Card>
    </>
  );
}
