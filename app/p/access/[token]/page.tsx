import type { Metadata } from "next";
import { findDataAccessLink } from "@/lib/subscribers/data-access-link";
import { PublicShell } from "../../../(public)/f/[form]/public-form-page";
import { openDataAccess } from "../../[token]/actions";
import { T, langOf } from "../../[token]/texts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Je gegevens / Your data", robots: { index: false } };

// The step-up link from the mail. This GET only shows a button (mail scanners fetch links); its POST uses
// the link up and lets this browser reach the data.
export default async function DataAccessPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ lang?: string }> }) {
  const { token } = await params;
  const lang = langOf((await searchParams).lang);
  const t = T[lang];
  const state = await findDataAccessLink(token);
  return (
    <PublicShell language={lang}>
      <h1 className="mb-4 text-2xl font-semibold">{t.accessTitle}</h1>
      {state === "valid" ? (
        <form action={openDataAccess}>
          <p className="mb-4">{t.accessText}</p>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="lang" value={lang} />
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">{t.accessButton}</button>
        </form>
      ) : (
        <p role="status">{state === "used" ? t.accessUsed : state === "expired" ? t.accessExpired : t.accessUnknown}</p>
      )}
    </PublicShell>
  );
}
