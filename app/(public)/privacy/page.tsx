// /privacy: the privacy statement in force, in the visitor's language where both exist (?lang=, else
// Accept-Language), and links to every other version.
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { translator } from "@/lib/i18n/translator";
import { currentStatementPage } from "@/lib/privacy/privacy-page";
import { visitorLanguage } from "@/lib/privacy/visitor-language";
import { getOrganisation } from "@/lib/settings/get-organisation";
import { StatementView } from "./statement-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ searchParams }: { searchParams: Promise<{ lang?: string | string[] }> }) {
  const language = visitorLanguage({ asked: one((await searchParams).lang), acceptLanguage: (await headers()).get("accept-language") });
  return { title: translator(language, "privacy")("title") };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function PrivacyPage({ searchParams }: { searchParams: Promise<{ lang?: string | string[] }> }) {
  const language = visitorLanguage({ asked: one((await searchParams).lang), acceptLanguage: (await headers()).get("accept-language") });
  const page = await currentStatementPage(language);
  if (page) return <StatementView page={page} heading="current" />;
  const t = translator(language, "privacy");
  const { privacyUrl } = await getOrganisation(db);
  return (
    <main lang={language} className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-4">{t("none")}</p>
      {privacyUrl && <p className="mt-2"><a className="underline" href={privacyUrl}>{t("noneLink")}</a></p>}
    </main>
  );
}
