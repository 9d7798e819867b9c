// One privacy statement version as the public reads it: when it was in force, a newer one if any, its
// text (sanitised HTML from its Markdown), where it was copied from, its hash, and the other versions.
import { translator } from "@/lib/i18n/translator";
import { formatMoment, type StatementPage } from "@/lib/privacy/privacy-page";

// The statement's own headings and lists, styled without a typography plugin.
const PROSE = "mt-6 space-y-3 [&_a]:underline [&_h1]:text-2xl [&_h1]:font-semibold [&_h2]:mt-6 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-4 [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6";

export function StatementView({ page, heading }: { page: StatementPage; heading: "current" | "version" }) {
  const { statement: s, inForce } = page;
  const lang = s.language;
  const t = translator(lang, "privacy");
  const other = page.otherLanguage;
  const date = (d: Date) => formatMoment(d, lang);
  return (
    <main lang={lang} className="mx-auto max-w-3xl px-6 py-12">
      <article className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-700" data-testid="in-force">
          {inForce.until
            ? t("inForce", { version: String(s.version), from: date(inForce.from), until: date(inForce.until) })
            : heading === "current" ? t("current", { version: String(s.version), from: date(inForce.from) }) : t("inForceNow", { version: String(s.version), from: date(inForce.from) })}
        </p>
        {inForce.successor !== null && (
          <p role="note" className="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="newer-version">
            {t("newer", { version: String(inForce.successor) })}{" "}
            <a className="underline" href={`/privacy/v/${inForce.successor}`}>{t("readCurrent")}</a>
          </p>
        )}
        {other && other.id !== s.id && heading === "current" && (
          <p className="mt-2 text-sm">
            <a className="underline" href={`/privacy?lang=${other.language}`} hrefLang={other.language} lang={other.language}>{translator(other.language, "privacy")("inThisLanguage")}</a>
          </p>
        )}
        <div className={PROSE} data-testid="statement-text" dangerouslySetInnerHTML={{ __html: page.html }} />
        <footer className="mt-8 space-y-1 border-t border-slate-100 pt-4 text-xs text-slate-600">
          {s.source === "fetched" && s.sourceUrl && <p>{t("fetchedFrom", { date: date(s.publishedAt), url: s.sourceUrl })}</p>}
          <p className="break-all">{t("sha256", { sha256: s.sha256 })}</p>
        </footer>
      </article>
      <section className="mt-8" aria-labelledby="older-versions">
        <h2 id="older-versions" className="text-lg font-semibold">{t("older")}</h2>
        {page.others.length === 0 ? <p className="text-sm">{t("olderNone")}</p> : (
          <ul className="mt-2 list-disc pl-6 text-sm" data-testid="other-versions">
            {page.others.map((v) => (
              <li key={v.id}>
                <a className="underline" href={v.path}>{t("versionLine", { version: String(v.version), language: t(`language.${v.language}`), date: date(v.publishedAt) })}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
