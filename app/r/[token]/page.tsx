import type { Metadata } from "next";
import { getRepermissionLink, type ShownPurpose } from "@/lib/repermission/get-repermission-link";
import { PublicShell } from "../../(public)/f/[form]/public-form-page";
import { acceptAction } from "./actions";
import { TokenButton } from "@/components/token-button";

export const dynamic = "force-dynamic";
// same-origin: the token never leaks to other sites in a Referer.
export const metadata: Metadata = { title: "Nieuw doel / New purpose" };

const T = {
  nl: {
    title: (n: string) => `${n} is veranderd`,
    intro: "Je toestemming gold voor het oude doel. Lees wat er verandert en kies of je de nieuwsbrief wilt blijven ontvangen.",
    was: "Waar je mee instemde", now: "Het nieuwe doel", version: (v: number) => `Doelversie ${v}`,
    categories: "Onderwerpen", sender: "Afzender", thirdParty: "Bevat aanbiedingen van derden", children: "Gericht op kinderen of tieners", yes: "ja", no: "nee",
    button: "Accepteren",
    ignore: "Wil je dit niet? Sluit deze pagina dan. Zonder je akkoord sturen we je deze nieuwsbrief niet meer.",
    doneTitle: "Bedankt", done: (n: string) => `Je ontvangt ${n} voortaan met het nieuwe doel. Afmelden kan altijd, met de link onderaan elke e-mail.`,
    usedTitle: "Deze link is al gebruikt", used: "Als je al op Accepteren hebt gedrukt, is dat vastgelegd.",
    expiredTitle: "Deze link werkt niet meer", expired: "De link is verlopen, of je bent inmiddels afgemeld.",
  },
  en: {
    title: (n: string) => `${n} has changed`,
    intro: "Your consent was for the earlier purpose. Read what changes and choose whether you want to keep receiving the newsletter.",
    was: "What you agreed to", now: "The new purpose", version: (v: number) => `Purpose version ${v}`,
    categories: "Topics", sender: "Sender", thirdParty: "Contains offers from third parties", children: "Aimed at children or teenagers", yes: "yes", no: "no",
    button: "Accept",
    ignore: "Don't want this? Then close this page. Without your agreement we will not send you this newsletter any more.",
    doneTitle: "Thank you", done: (n: string) => `You will receive ${n} with its new purpose from now on. You can unsubscribe at any time with the link at the bottom of every e-mail.`,
    usedTitle: "This link has already been used", used: "If you already pressed Accept, that has been recorded.",
    expiredTitle: "This link no longer works", expired: "The link has expired, or you have unsubscribed meanwhile.",
  },
};

function Purpose({ p, title, t, testId }: { p: ShownPurpose; title: string; t: (typeof T)["en"]; testId: string }) {
  return (
    <section data-testid={testId} className="mb-4 rounded-md border border-slate-200 p-4">
      <h2 className="mb-1 font-semibold">{title} <span className="text-sm font-normal text-slate-500">({t.version(p.version)})</span></h2>
      <p className="font-medium">{p.name}</p>
      {p.description && <p className="mb-2">{p.description}</p>}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="text-slate-600">{t.categories}</dt><dd>{p.categories.join(", ") || "–"}</dd>
        <dt className="text-slate-600">{t.sender}</dt><dd>{p.fromName} &lt;{p.fromEmail}&gt;</dd>
        <dt className="text-slate-600">{t.thirdParty}</dt><dd>{p.thirdPartyOffers ? t.yes : t.no}</dd>
        <dt className="text-slate-600">{t.children}</dt><dd>{p.aimedAtChildren ? t.yes : t.no}</dd>
      </dl>
    </section>
  );
}

export default async function RepermissionPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { token } = await params;
  const { done } = await searchParams;
  // Looking only: a mail scanner fetching this link accepts nothing.
  const link = await getRepermissionLink({ token });
  if (link.state === "unknown") {
    return (
      <PublicShell language="nl">
        <h1 className="mb-3 text-2xl font-semibold">Deze link werkt niet</h1>
        <p className="mb-6">Controleer of je de hele link uit de e-mail hebt gebruikt.</p>
        <h2 lang="en" className="mb-3 text-xl font-semibold">This link does not work</h2>
        <p lang="en">Check that you used the whole link from the e-mail.</p>
      </PublicShell>
    );
  }
  const t = T[link.language];
  if (link.state === "valid") {
    return (
      <PublicShell language={link.language}>
        <h1 className="mb-3 text-2xl font-semibold">{t.title(link.newsletterName)}</h1>
        <p className="mb-4">{t.intro}</p>
        <Purpose p={link.agreed} title={t.was} t={t} testId="purpose-agreed" />
        <Purpose p={link.current} title={t.now} t={t} testId="purpose-new" />
        <TokenButton action={acceptAction} token={token} label={t.button} />
        <p className="mt-6 text-sm text-slate-600">{t.ignore}</p>
      </PublicShell>
    );
  }
  if (link.state === "used" && done === "1") {
    return (
      <PublicShell language={link.language}>
        <h1 className="mb-3 text-2xl font-semibold">{t.doneTitle}</h1>
        <p role="status">{t.done(link.newsletterName)}</p>
      </PublicShell>
    );
  }
  return (
    <PublicShell language={link.language}>
      <h1 className="mb-3 text-2xl font-semibold">{link.state === "used" ? t.usedTitle : t.expiredTitle}</h1>
      <p>{link.state === "used" ? t.used : t.expired}</p>
    </PublicShell>
  );
}
