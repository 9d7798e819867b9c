import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readPreferencesToken } from "@/lib/subscribers/links";
import { dataAccessFor } from "@/lib/security/data-access-cookies";
import { exportSubscriberData } from "@/lib/subscribers/export-subscriber-data";
import { getConsentSnapshot } from "@/lib/consent/get-consent-snapshot";
import { PublicShell } from "../../(public)/f/[form]/public-form-page";
import { requestDataLink, unsubscribe } from "./actions";
import { T, formatDate, langOf, type Lang } from "./texts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Voorkeuren / Preferences", robots: { index: false } };

type Search = { done?: string; lang?: string; n?: string | string[]; access?: string };

const button = "rounded-md px-4 py-2 text-sm font-medium";

export default async function PreferencesPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Search> }) {
  const { token } = await params;
  const sp = await searchParams;
  const link = readPreferencesToken(token);
  if (!link) notFound();
  const data = await exportSubscriberData({ subscriberId: link.subscriberId });

  if (!data) {
    const lang = langOf(sp.lang);
    const t = T[lang];
    const erased = sp.done === "erased";
    return (
      <PublicShell language={lang}>
        <h1 className="mb-4 text-2xl font-semibold">{erased ? t.erasedTitle : t.goneTitle}</h1>
        <p role="status">{erased ? t.erasedText : t.goneText}</p>
      </PublicShell>
    );
  }

  // The page speaks the language of the person's newsletters (their first one); ?lang= switches.
  const lang: Lang = sp.lang === "en" || sp.lang === "nl" ? sp.lang : langOf(data.subscriptions[0]?.newsletter.language);
  const t = T[lang];
  const snapshots = await Promise.all(data.subscriptions.map((s) => getConsentSnapshot({ subscriptionId: s.id })));
  const active = data.subscriptions.filter((s) => s.status !== "unsubscribed");
  const names = ([] as string[]).concat(sp.n ?? []).slice(0, 20);
  const other: Lang = lang === "nl" ? "en" : "nl";
  const access = await dataAccessFor(link);
  const accessNote = { sent: t.stepUpSent, limited: t.stepUpLimited, failed: t.stepUpFailed, needed: t.stepUpNeeded }[sp.access ?? ""];

  return (
    <PublicShell language={lang}>
      <p className="mb-2 text-right text-sm">
        <a href={`/p/${encodeURIComponent(token)}?lang=${other}`} hrefLang={other} lang={other}>{other === "en" ? "English" : "Nederlands"}</a>
      </p>
      <h1 className="mb-3 text-2xl font-semibold">{t.title}</h1>
      <p className="mb-6 text-slate-700">{t.intro}</p>

      {sp.done === "unsubscribed" && names.length > 0 && <p role="status" className="mb-6 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">{t.doneUnsubscribed(names.join(", "))}</p>}
      {sp.done === "nothing" && <p role="status" className="mb-6 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm">{t.doneNothing}</p>}

      <section aria-labelledby="subs" className="mb-8">
        <h2 id="subs" className="mb-3 text-lg font-semibold">{t.subscriptions}</h2>
        {data.subscriptions.length === 0 ? <p>{t.none}</p> : (
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
            {data.subscriptions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 p-3" data-testid="subscription">
                <div>
                  <p className="font-medium">{s.newsletter.name}</p>
                  <p className="text-sm text-slate-600">
                    {t.status[s.status] ?? s.status}
                    {s.status !== "unsubscribed" && (s.confirmedAt ?? s.givenAt) ? ` ${t.since} ${formatDate(s.confirmedAt ?? s.givenAt, lang)}` : ""}
                    {s.status === "unsubscribed" && s.unsubscribedAt ? ` (${formatDate(s.unsubscribedAt, lang)})` : ""}
                  </p>
                </div>
                {s.status !== "unsubscribed" && (
                  <form action={unsubscribe}>
                    <input type="hidden" name="token" value={token} />
                    <input type="hidden" name="lang" value={lang} />
                    <input type="hidden" name="scope" value="one" />
                    <input type="hidden" name="newsletterId" value={s.newsletter.id} />
                    <button type="submit" aria-label={t.unsubscribeFrom(s.newsletter.name)} className={`${button} border border-slate-300 bg-white hover:bg-slate-100`}>{t.unsubscribe}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
        {active.length > 1 && (
          <form action={unsubscribe} className="mt-3">
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="lang" value={lang} />
            <input type="hidden" name="scope" value="all" />
            <button type="submit" className={`${button} border border-slate-300 bg-white hover:bg-slate-100`}>{t.unsubscribeAll}</button>
          </form>
        )}
      </section>

      <section aria-labelledby="consent" className="mb-8">
        <h2 id="consent" className="mb-3 text-lg font-semibold">{t.consent}</h2>
        {snapshots.map((snap) => snap && (
          <article key={snap.subscription.id} className="mb-4 rounded-md border border-slate-200 p-3" aria-label={t.consentFor(snap.subscription.newsletterName)}>
            <h3 className="mb-2 font-medium">{t.consentFor(snap.subscription.newsletterName)}</h3>
            <dl className="mb-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
              <dt className="text-slate-600">{t.givenAt}</dt><dd>{formatDate(snap.subscription.givenAt, lang)}</dd>
              {snap.subscription.confirmedAt && <><dt className="text-slate-600">{t.confirmedAt}</dt><dd>{formatDate(snap.subscription.confirmedAt, lang)}</dd></>}
              {snap.subscription.unsubscribedAt && <><dt className="text-slate-600">{t.unsubscribedAt}</dt><dd>{formatDate(snap.subscription.unsubscribedAt, lang)}</dd></>}
            </dl>
            {snap.formVersion ? (
              <>
                <p className="mb-1 text-sm text-slate-600">{t.formVersion(snap.formVersion.version)}</p>
                <blockquote className="mb-2 whitespace-pre-wrap border-l-4 border-slate-300 bg-slate-50 p-3 text-sm" data-testid="form-text">{snap.formVersion.renderedText}</blockquote>
                <p className="break-all text-xs text-slate-500">{t.hash}: <code>{snap.formVersion.contentHash}</code></p>
              </>
            ) : <p className="text-sm text-slate-600">{t.noForm}</p>}
          </article>
        ))}
        {data.consentEvents.length > 0 && (
          <>
            <h3 className="mb-2 mt-4 font-medium">{t.history}</h3>
            <ol className="list-disc pl-6 text-sm">
              {data.consentEvents.map((e) => {
                const nl = data.subscriptions.find((s) => s.id === e.subscriptionId)?.newsletter.name;
                return <li key={e.seq}>{formatDate(e.at, lang)}: {t.events[e.type] ?? e.type}{nl ? ` — ${nl}` : ""}</li>;
              })}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="data">
        <h2 id="data" className="mb-3 text-lg font-semibold">{t.data}</h2>
        {accessNote && <p role="status" className="mb-4 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm">{accessNote}</p>}
        {access.allowed ? (
          <>
            <p className="mb-1"><a href={`/p/${encodeURIComponent(token)}/export`} download>{t.download}</a></p>
            <p className="mb-4 text-sm text-slate-600">{t.downloadHint}</p>
            <p className="mb-2 text-sm text-slate-600">{t.eraseHint}</p>
            <a href={`/p/${encodeURIComponent(token)}/erase?lang=${lang}`} className={`${button} inline-block bg-red-700 text-white no-underline hover:bg-red-800`}>{t.erase}</a>
          </>
        ) : (
          <form action={requestDataLink}>
            <p className="mb-3">{t.stepUpWhy}</p>
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="lang" value={lang} />
            <button type="submit" className={`${button} border border-slate-300 bg-white hover:bg-slate-100`}>{t.stepUpButton}</button>
          </form>
        )}
      </section>
    </PublicShell>
  );
}
