import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { readPreferencesToken } from "@/lib/subscribers/links";
import { dataAccessFor } from "@/lib/security/data-access-cookies";
import { PublicShell } from "../../../(public)/f/[form]/public-form-page";
import { eraseEverything } from "../actions";
import { T, langOf } from "../texts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Wissen / Erase", robots: { index: false } };

// The confirmation step: this GET only asks; the button's POST erases.
export default async function ErasePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ lang?: string }> }) {
  const { token } = await params;
  const link = readPreferencesToken(token);
  if (!link) notFound();
  const lang = langOf((await searchParams).lang);
  if (!(await dataAccessFor(link)).allowed) redirect(`/p/${encodeURIComponent(token)}?lang=${lang}&access=needed#data`);
  const t = T[lang];
  return (
    <PublicShell language={lang}>
      <h1 className="mb-4 text-2xl font-semibold">{t.eraseTitle}</h1>
      <p className="mb-6">{t.eraseConfirmText}</p>
      <div className="flex flex-wrap items-center gap-4">
        <form action={eraseEverything}>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="lang" value={lang} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800">{t.eraseConfirm}</button>
        </form>
        <a href={`/p/${encodeURIComponent(token)}?lang=${lang}`}>{t.cancel}</a>
      </div>
    </PublicShell>
  );
}
