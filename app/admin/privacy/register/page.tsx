// The processing register (AVG art. 30) and the newsletters' privacy-statement section, generated from
// the configuration, in nl or en, with downloads as Markdown and PDF (download/route.ts). Admins only.
import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { getProcessingRegisterFacts, renderPrivacySection, renderProcessingRegister } from "@/lib/privacy/processing-register";
import { addSectionToDraftAction } from "./actions";
import { markdownToSafeHtml } from "@/lib/mail/render-issue";
import { LOCALES, isLocale, type Locale } from "@/lib/i18n/translator";
import { Button, Card, Notice, PageHeader } from "@/components/ui";

export const metadata = { title: "Processing register" };

export const dynamic = "force-dynamic";

const LANGUAGE_NAMES: Record<Locale, string> = { nl: "Nederlands", en: "English" };

// The generated Markdown as a document: headings, lists and paragraphs spaced like the PDF.
const DOC = "text-sm leading-relaxed [overflow-wrap:anywhere] [&_h1]:mb-3 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:mb-2 [&_h2]:mt-5 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:mb-2 [&_h3]:mt-4 [&_h3]:font-semibold [&_h4]:mb-1 [&_h4]:mt-3 [&_h4]:font-medium [&_p]:mb-3 [&_ul]:mb-3 [&_ul]:list-disc [&_ul]:pl-5 [&_ul_ul]:mb-0";

function Downloads({ doc, lang, label }: { doc: "register" | "privacy"; lang: Locale; label: string }) {
  const href = (format: "md" | "pdf") => `/admin/privacy/register/download?doc=${doc}&format=${format}&lang=${lang}`;
  const cls = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100";
  return (
    <div className="flex gap-2">
      <a href={href("md")} download className={cls} aria-label={`Download the ${label} as Markdown`}>Download .md</a>
      <a href={href("pdf")} download className={cls} aria-label={`Download the ${label} as PDF`}>Download .pdf</a>
    </div>
  );
}

export default async function ProcessingRegisterPage({ searchParams }: { searchParams: Promise<{ lang?: string | string[]; error?: string }> }) {
  await requirePage("settings.manage");
  const sp = await searchParams;
  const lang: Locale = isLocale(sp.lang) ? sp.lang : "nl";
  const facts = await getProcessingRegisterFacts();
  const privacy = markdownToSafeHtml(renderPrivacySection(facts, lang));
  const register = markdownToSafeHtml(renderProcessingRegister(facts, lang));
  return (
    <>
      <PageHeader title="Processing register and privacy statement">
        <nav aria-label="Language" className="flex gap-2">
          {LOCALES.map((l) => (
            <Link key={l} href={`/admin/privacy/register?lang=${l}`} hrefLang={l} aria-current={l === lang ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${l === lang ? "bg-indigo-700 text-white" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}>
              {LANGUAGE_NAMES[l]}
            </Link>
          ))}
        </nav>
      </PageHeader>
      <p className="mb-6 max-w-3xl text-sm text-slate-600">
        Drafts generated from what is configured now: <Link href="/admin/settings" className="text-indigo-700 underline">Settings</Link> (organisation,
        hosting and email delivery provider), the newsletters and their current purpose, the forms, <Link href="/admin/retention" className="text-indigo-700 underline">Retention</Link> and
        the mail server (SMTP_URL). What Proofmail does not know says &ldquo;not filled in&rdquo;. Check both before you publish them.
      </p>
      <Card className="mb-6">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">Privacy statement: the newsletters section</h2>
          <Downloads doc="privacy" lang={lang} label="privacy statement section" />
        </div>
        {sp.error === "draft" && <Notice kind="error">Not added: the statement in this language is hosted elsewhere (copy the section into that page), or the draft would become too long.</Notice>}
        <form action={addSectionToDraftAction.bind(null, lang)} className="mb-4">
          <Button type="submit" variant="secondary">Add this section to the privacy statement draft ({lang})</Button>
        </form>
        <div lang={lang} className={DOC} dangerouslySetInnerHTML={{ __html: privacy }} />
      </Card>
      <Card>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">Record of processing activities (AVG art. 30)</h2>
          <Downloads doc="register" lang={lang} label="processing register" />
        </div>
        <div lang={lang} className={DOC} dangerouslySetInnerHTML={{ __html: register }} />
      </Card>
    </>
  );
}
