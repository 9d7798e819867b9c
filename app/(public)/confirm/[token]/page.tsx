import type { Metadata } from "next";
import { getOptinLink } from "@/lib/consent/get-optin-link";
import { PublicShell } from "../../f/[form]/public-form-page";
import { confirm } from "./actions";
import { TokenButton } from "@/components/token-button";

export const dynamic = "force-dynamic";
// same-origin: the token never leaks to other sites in a Referer, and the no-JS form post keeps its Origin header.
export const metadata: Metadata = { title: "Bevestigen / Confirm" };

const T = {
  nl: {
    confirmTitle: "Bevestig je aanmelding",
    confirmFor: "Druk op de knop om je aanmelding te bevestigen voor:",
    button: "Bevestigen",
    ignore: "Heb je je niet aangemeld? Sluit deze pagina dan; er gebeurt niets.",
    doneTitle: "Je bent aangemeld",
    doneFor: "Bedankt voor het bevestigen. Je ontvangt vanaf nu:",
    doneLeave: "Afmelden kan altijd, met de link onderaan elke e-mail.",
    usedTitle: "Deze link is al gebruikt",
    used: "Als je al op Bevestigen hebt gedrukt, ben je aangemeld. Wil je toch een nieuwe e-mail? Meld je dan opnieuw aan.",
    expiredTitle: "Deze link is verlopen",
    expired: "De link in de e-mail werkt maar een beperkte tijd. Meld je opnieuw aan; dan sturen we je een nieuwe e-mail.",
    again: "Opnieuw aanmelden",
    child: {
      confirmTitle: "Toestemming geven voor je kind",
      confirmFor: "Druk op de knop om toestemming te geven voor de aanmelding van je kind voor:",
      ignore: "Geef je geen toestemming? Sluit deze pagina dan; er gebeurt niets.",
      doneTitle: "Bedankt voor je toestemming",
      doneFor: "Je kind ontvangt vanaf nu:",
    },
  },
  en: {
    confirmTitle: "Confirm your subscription",
    confirmFor: "Press the button to confirm your subscription to:",
    button: "Confirm",
    ignore: "Did not sign up? Then close this page; nothing happens.",
    doneTitle: "You are subscribed",
    doneFor: "Thank you for confirming. From now on you will receive:",
    doneLeave: "You can unsubscribe at any time with the link at the bottom of every e-mail.",
    usedTitle: "This link has already been used",
    used: "If you already pressed Confirm, you are subscribed. Want a new e-mail anyway? Then sign up again.",
    expiredTitle: "This link has expired",
    expired: "The link in the e-mail only works for a limited time. Sign up again and we will send you a new e-mail.",
    again: "Sign up again",
    child: {
      confirmTitle: "Give consent for your child",
      confirmFor: "Press the button to give consent for your child's subscription to:",
      ignore: "Do you not agree? Then close this page; nothing happens.",
      doneTitle: "Thank you for your consent",
      doneFor: "From now on your child will receive:",
    },
  },
};

export default async function ConfirmPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { token } = await params;
  const { done } = await searchParams;
  // Looking only: a mail scanner fetching this link confirms nothing.
  const link = await getOptinLink({ token });
  if (link.state === "unknown" || !link.language) {
    return (
      <PublicShell language="nl">
        <h1 className="mb-3 text-2xl font-semibold">Deze link werkt niet</h1>
        <p className="mb-6">Controleer of je de hele link uit de e-mail hebt gebruikt, of meld je opnieuw aan via het formulier.</p>
        <h2 lang="en" className="mb-3 text-xl font-semibold">This link does not work</h2>
        <p lang="en">Check that you used the whole link from the e-mail, or sign up again through the form.</p>
      </PublicShell>
    );
  }
  // A parent confirming for someone under 16 is addressed as the parent.
  const t = link.forChild ? { ...T[link.language], ...T[link.language].child } : T[link.language];
  const names = (
    <ul className="mb-4 list-disc pl-6">
      {link.newsletterNames.map((n) => <li key={n}>{n}</li>)}
    </ul>
  );
  const again = link.formPath && <p><a href={link.formPath}>{t.again}</a></p>;

  if (link.state === "valid") {
    return (
      <PublicShell language={link.language}>
        <h1 className="mb-4 text-2xl font-semibold">{t.confirmTitle}</h1>
        <p className="mb-2">{t.confirmFor}</p>
        {names}
        <TokenButton action={confirm} token={token} label={t.button} />
        <p className="mt-6 text-sm text-slate-600">{t.ignore}</p>
      </PublicShell>
    );
  }
  if (link.state === "used" && done === "1") {
    return (
      <PublicShell language={link.language}>
        <h1 className="mb-4 text-2xl font-semibold">{t.doneTitle}</h1>
        <p className="mb-2">{t.doneFor}</p>
        {names}
        <p className="text-sm text-slate-600">{t.doneLeave}</p>
      </PublicShell>
    );
  }
  return (
    <PublicShell language={link.language}>
      <h1 className="mb-4 text-2xl font-semibold">{link.state === "used" ? t.usedTitle : t.expiredTitle}</h1>
      <p className="mb-4">{link.state === "used" ? t.used : t.expired}</p>
      {again}
    </PublicShell>
  );
}
