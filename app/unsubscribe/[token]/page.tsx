// The footer link's page: names the newsletter, one button, no address field. Afterwards it says what
// happened and offers leaving every newsletter of the organisation. Text in the newsletter's language.
import type { Metadata } from "next";
import { Button } from "@/components/ui";
import { PublicShell } from "../../(public)/f/[form]/public-form-page";
import { findUnsubscribeTarget } from "@/lib/subscribers/unsubscribe-by-token";
import { testMailLinkTarget } from "@/lib/sending/test-mail-link";
import { unsubscribeAction } from "./actions";
import { TestMailNotice } from "./test-mail-notice";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Afmelden / Unsubscribe", robots: { index: false, follow: false } };

const T = {
  nl: {
    title: (n: string) => `Afmelden voor ${n}`,
    ask: "Druk op de knop om je af te melden. Je hoeft niets in te vullen.",
    button: "Afmelden",
    done: (n: string) => `Je bent afgemeld voor ${n}. Je ontvangt deze nieuwsbrief niet meer.`,
    allAsk: (o: string) => `Wil je ook geen andere nieuwsbrieven${o ? ` van ${o}` : ""} meer ontvangen?`,
    allButton: (o: string) => `Afmelden voor alle nieuwsbrieven${o ? ` van ${o}` : ""}`,
    allDone: (o: string) => `Je bent afgemeld voor alle nieuwsbrieven${o ? ` van ${o}` : ""}.`,
  },
  en: {
    title: (n: string) => `Unsubscribe from ${n}`,
    ask: "Press the button to unsubscribe. There is nothing to fill in.",
    button: "Unsubscribe",
    done: (n: string) => `You are unsubscribed from ${n}. You will not receive this newsletter any more.`,
    allAsk: (o: string) => `Don't want any other newsletters${o ? ` from ${o}` : ""} either?`,
    allButton: (o: string) => `Unsubscribe from all newsletters${o ? ` of ${o}` : ""}`,
    allDone: (o: string) => `You are unsubscribed from all newsletters${o ? ` of ${o}` : ""}.`,
  },
};

export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ all?: string }> }) {
  const { token } = await params;
  const { all } = await searchParams;
  const test = await testMailLinkTarget(token);
  if (test) return <TestMailNotice lang={test.lang} newsletterName={test.newsletterName} />;
  const target = await findUnsubscribeTarget(token);
  if (!target) {
    return (
      <PublicShell language="nl">
        <h1 className="mb-3 text-xl font-semibold">Link niet geldig / Link not valid</h1>
        <p role="alert" lang="nl" className="mb-2">Deze afmeldlink is niet geldig. Gebruik de link uit de laatste e-mail die je van ons kreeg.</p>
        <p lang="en">This unsubscribe link is not valid. Please use the link in the latest email you received from us.</p>
      </PublicShell>
    );
  }
  const t = T[target.lang];
  return (
    <PublicShell language={target.lang}>
      <h1 className="mb-4 text-xl font-semibold">{t.title(target.newsletterName)}</h1>
      {!target.unsubscribed ? (
        <form action={unsubscribeAction.bind(null, token, "newsletter")}>
          <p className="mb-4 text-slate-700">{t.ask}</p>
          <Button type="submit">{t.button}</Button>
        </form>
      ) : target.allUnsubscribed && all === "1" ? (
        <p role="status">{t.allDone(target.orgName)}</p>
      ) : (
        <>
          <p role="status" className="mb-4">{t.done(target.newsletterName)}</p>
          {!target.allUnsubscribed && (
            <form action={unsubscribeAction.bind(null, token, "all")}>
              <p className="mb-3 text-slate-700">{t.allAsk(target.orgName)}</p>
              <Button type="submit" variant="secondary">{t.allButton(target.orgName)}</Button>
            </form>
          )}
        </>
      )}
    </PublicShell>
  );
}
