// "Why did I get this? / View in browser" (issue 12 D6): the footer link of every newsletter message. The
// GET only shows (mail scanners fetch links); only the button's POST unsubscribes. In the message's
// language; a link that does not work says only that, in both languages.
import type { Metadata } from "next";
import { getReceipt, type Receipt } from "@/lib/receipts/get-receipt";
import { renderSentMessage } from "@/lib/receipts/render-sent-message";
import { formatDate, type Lang } from "@/lib/mail/render-issue";
import { SAMPLE_RECEIPT_TOKEN } from "@/lib/subscribers/links";
import { reasonLabel } from "@/lib/rules";
import { translator } from "@/lib/i18n/translator";
import { PublicShell } from "../../(public)/f/[form]/public-form-page";
import { unsubscribeFromReceiptAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Waarom krijg ik dit? / Why did I get this?", robots: { index: false, follow: false } };

const dateTime = {
  nl: new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }),
};

function Bilingual({ title, text }: { title: "invalid" | "sample"; text: "invalid" | "sample" }) {
  const [nl, en] = [translator("nl", "receipt"), translator("en", "receipt")];
  return (
    <PublicShell language="nl">
      <h1 className="mb-3 text-xl font-semibold">{nl(`${title}Title`)} / <span lang="en">{en(`${title}Title`)}</span></h1>
      <p role={title === "invalid" ? "alert" : "status"} className="mb-2">{nl(`${text}Text`)}</p>
      <p lang="en">{en(`${text}Text`)}</p>
    </PublicShell>
  );
}

export default async function ReceiptPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (token === SAMPLE_RECEIPT_TOKEN) return <Bilingual title="sample" text="sample" />;
  const r = await getReceipt(token);
  if (!r) return <Bilingual title="invalid" text="invalid" />;
  const message = await renderSentMessage(r);
  const t = translator(r.lang, "receipt");
  const day = (d: Date | null) => (d ? formatDate(d, r.lang) : t("notRecorded"));
  return (
    <PublicShell language={r.lang}>
      <h1 className="mb-3 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-6 text-slate-700">{t("intro", { subject: r.subject, newsletter: r.newsletter.name, date: day(r.sentAt ?? r.decidedAt) })}</p>

      <section aria-labelledby="purpose" className="mb-6">
        <h2 id="purpose" className="mb-2 text-lg font-semibold">{t("purposeHeading")}</h2>
        <p className="font-medium">{r.newsletter.name}</p>
        {r.purpose ? (
          <div data-testid="purpose">
            <p>{t("purpose", { version: r.purpose.version, name: r.purpose.name })}</p>
            {r.purpose.description && <p className="text-slate-700">{r.purpose.description}</p>}
            {r.basis === "consent" && r.purpose.agreedAt && <p className="text-sm text-slate-600">{t("purposeAgreed", { date: day(r.purpose.agreedAt) })}</p>}
          </div>
        ) : <p>{t("noPurpose")}</p>}
      </section>

      {r.basis === "existing_customer" ? <Customer r={r} lang={r.lang} /> : <Consent r={r} lang={r.lang} />}

      <section aria-labelledby="record" className="mb-6">
        <h2 id="record" className="mb-2 text-lg font-semibold">{t("recordHeading")}</h2>
        <p className="mb-2 text-sm text-slate-700">{t("recordIntro")}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm" data-testid="send-record">
          <dt className="text-slate-600">{t("basis")}</dt>
          <dd>{r.record.basis ? basisLabel(r.record.basis, r.lang) : t("notRecorded")}</dd>
          <dt className="text-slate-600">{t("decision")}</dt>
          <dd>{r.record.decisionReason ? <>{reasonLabel(r.record.decisionReason, r.lang)} (<code>{r.record.decisionReason}</code>)</> : t("notRecorded")}</dd>
          <dt className="text-slate-600">{t("decidedAt")}</dt>
          <dd>{r.record.decidedAt ? dateTime[r.lang].format(r.record.decidedAt) : t("notRecorded")}</dd>
        </dl>
      </section>

      <section aria-labelledby="unsubscribe" className="mb-6">
        <h2 id="unsubscribe" className="mb-2 text-lg font-semibold">{t("unsubscribeHeading")}</h2>
        {r.unsubscribed ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">{t("unsubscribed", { newsletter: r.newsletter.name })}</p>
        ) : (
          <form action={unsubscribeFromReceiptAction}>
            <p className="mb-3 text-slate-700">{t("unsubscribeText", { newsletter: r.newsletter.name })}</p>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800">{t("unsubscribeButton", { newsletter: r.newsletter.name })}</button>
          </form>
        )}
        <p className="mt-4"><a href={r.preferencesUrl}>{t("preferences")}</a></p>
        <p className="text-sm text-slate-600">{t("preferencesHint")}</p>
      </section>

      <section aria-labelledby="message">
        <h2 id="message" className="mb-2 text-lg font-semibold">{t("messageHeading")}</h2>
        {message ? (
          // Sandboxed (no scripts, not our origin); its links open in a new tab, outside the sandbox.
          <iframe
            title={t("messageFrame", { subject: message.subject })}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={withLinksInNewTab(message.html)}
            className="h-[40rem] w-full rounded-md border border-slate-200 bg-white"
          />
        ) : <p>{t("messageGone")}</p>}
      </section>
    </PublicShell>
  );
}

function Consent({ r, lang }: { r: Receipt; lang: Lang }) {
  const t = translator(lang, "receipt");
  const c = r.consent;
  const method = c.method && ["double_opt_in", "single_opt_in", "paper", "verbal"].includes(c.method) ? c.method : "unknown";
  const source = ["own_form", "migration", "list_broker", "partner", "public_source", "legacy"].includes(c.source) ? c.source : "legacy";
  return (
    <section aria-labelledby="consent" className="mb-6">
      <h2 id="consent" className="mb-2 text-lg font-semibold">{t("consentHeading")}</h2>
      <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="text-slate-600">{t("givenAt")}</dt><dd>{c.givenAt ? formatDate(c.givenAt, lang) : t("notRecorded")}</dd>
        {c.confirmedAt && <><dt className="text-slate-600">{t("confirmedAt")}</dt><dd>{formatDate(c.confirmedAt, lang)}</dd></>}
        <dt className="text-slate-600">{t("method")}</dt><dd>{t(`methods.${method as "unknown"}`)}</dd>
        <dt className="text-slate-600">{t("source")}</dt><dd>{t(`sources.${source as "legacy"}`)}</dd>
      </dl>
      {c.formVersion ? (
        <>
          <p className="mb-1 text-sm text-slate-600">{t("formText", { version: c.formVersion.version, date: formatDate(c.formVersion.publishedAt, lang) })}</p>
          <blockquote className="mb-2 whitespace-pre-wrap border-l-4 border-slate-300 bg-slate-50 p-3 text-sm" data-testid="form-text">{c.formVersion.renderedText}</blockquote>
          <p className="break-all text-xs text-slate-500">{t("formHash")}: <code>{c.formVersion.contentHash}</code></p>
        </>
      ) : c.evidence ? (
        <>
          <p className="mb-1 text-sm text-slate-600">{t("evidenceText", { source: c.evidence.sourceName })}</p>
          <blockquote className="whitespace-pre-wrap border-l-4 border-slate-300 bg-slate-50 p-3 text-sm" data-testid="form-text">{c.evidence.text}</blockquote>
        </>
      ) : <p className="text-sm text-slate-600">{t("noForm")}</p>}
    </section>
  );
}

function Customer({ r, lang }: { r: Receipt; lang: Lang }) {
  const t = translator(lang, "receipt");
  const p = r.customer;
  return (
    <section aria-labelledby="customer" className="mb-6">
      <h2 id="customer" className="mb-2 text-lg font-semibold">{t("customerHeading")}</h2>
      {p ? (
        <div data-testid="customer">
          <p className="mb-2">{t("customer", { org: r.orgName, category: p.category, date: formatDate(p.purchasedAt, lang) })}</p>
          {p.optOutOffered && (p.optOutText ? (
            <>
              <p className="mb-1 text-sm text-slate-600">{t("optOutOffered")}</p>
              <blockquote className="whitespace-pre-wrap border-l-4 border-slate-300 bg-slate-50 p-3 text-sm">{p.optOutText}</blockquote>
            </>
          ) : <p className="text-sm text-slate-600">{t("optOutOfferedNoText")}</p>)}
        </div>
      ) : <p>{t("noPurchase")}</p>}
    </section>
  );
}

function basisLabel(basis: string, lang: Lang): string {
  const t = translator(lang, "receipt");
  return basis === "consent" || basis === "existing-customer" ? t(`bases.${basis}`) : t("bases.other", { code: basis });
}

// The mail's links would otherwise open inside the frame (where our pages refuse to be framed).
const withLinksInNewTab = (html: string) => html.replace(/<head([^>]*)>/i, '<head$1><base target="_blank">');
