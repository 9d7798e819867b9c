// The public signup page for /f/[form] and /n/[newsletter]: the current FormVersion, or a plain
// explanation when the form cannot be used. Their /embed pages are the same page after an embedded
// form's post failed: with what went wrong and what the visitor typed (no box ticked once the text
// changed), so they can correct it and send again in place.
import { notFound } from "next/navigation";
import type { CurrentFormVersion } from "@/lib/consent/get-current-form-version";
import { issueChallenge } from "@/lib/consent/proof-of-work";
import type { SignupRetry } from "@/lib/consent/signup-retry";
import { signupErrorMessage } from "@/lib/consent/submit-signup";
import { translator } from "@/lib/i18n/translator";
import type { SignupState } from "./actions";
import { SignupForm } from "./signup-form";
import { db } from "@/lib/db";
import { getBranding } from "@/lib/settings/get-branding";

const CLOSED = {
  nl: { closed: "Aanmelden via dit formulier kan niet meer.", unavailable: "Dit aanmeldformulier is op dit moment niet beschikbaar. Probeer het later opnieuw." },
  en: { closed: "This signup form is closed.", unavailable: "This signup form is not available at the moment. Please try again later." },
};

/** Every public page's frame; with branding set (Settings → Branding) the logo above, the accent on top, the address below. */
export async function PublicShell({ language, children }: { language: "nl" | "en"; children: React.ReactNode }) {
  const brand = await getBranding(db);
  return (
    <div lang={language} className="mx-auto max-w-xl px-6 py-12">
      {brand?.logoUrl && (
        <header className="mb-6">
          {/* eslint-disable-next-line @next/next/no-img-element -- the organisation's logo, served as uploaded */}
          <img src={brand.logoUrl} alt={brand.orgName || "Logo"} className="h-12 w-auto max-w-full" data-testid="brand-logo" />
        </header>
      )}
      <main>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" style={brand ? { borderTop: `4px solid ${brand.accent}` } : undefined}>{children}</div>
      </main>
      {brand && (brand.orgName || brand.address) && (
        <footer className="mt-6 text-center text-sm text-slate-600">
          <address className="not-italic">{[brand.orgName, brand.address].filter(Boolean).join(" · ")}</address>
        </footer>
      )}
    </div>
  );
}

function retryState(retry: SignupRetry, language: "nl" | "en"): SignupState {
  // Consent to changed text is given anew: the boxes start unticked, the typed fields stay.
  const updated = retry.code === "form_updated";
  return {
    error: signupErrorMessage(retry.code, language),
    ...(retry.field ? { field: retry.field } : {}),
    values: updated ? { ...retry.values, newsletterIds: [] } : retry.values,
  };
}

export function PublicFormPage({ current, retry = null }: { current: CurrentFormVersion; retry?: SignupRetry | null }) {
  if (current.state === "not-found") notFound();
  if (current.state !== "ok") {
    return (
      <PublicShell language={current.language}>
        <p role="alert">{CLOSED[current.language][current.state]}</p>
      </PublicShell>
    );
  }
  const pow = current.form.proofOfWork ? issueChallenge({ formId: current.form.id }) : null;
  const language = current.form.language;
  return (
    <PublicShell language={language}>
      {retry && <p className="mb-4 text-sm font-medium">{translator(language, "embeds")(retry.code === "form_updated" ? "updated" : "failed")}</p>}
      <SignupForm
        initial={retry ? retryState(retry, language) : {}}
        lines={current.definition.lines}
        versionId={current.version.id}
        contentHash={current.version.contentHash}
        language={current.form.language}
        pow={pow}
      />
    </PublicShell>
  );
}

const THANKS = {
  nl: {
    title: "Kijk in je e-mail",
    body: [
      "Bedankt. Als er iets te bevestigen is, krijg je binnen een paar minuten een e-mail met een knop \"Bevestigen\". Pas als je op die knop drukt, ben je aangemeld.",
      "Geen e-mail gekregen? Kijk ook in je map met ongewenste e-mail. Je kunt je na tien minuten opnieuw aanmelden voor een nieuwe e-mail.",
    ],
    back: "Terug naar het formulier",
  },
  en: {
    title: "Check your e-mail",
    body: [
      "Thank you. If there is anything to confirm, you will get an e-mail with a \"Confirm\" button within a few minutes. You are only subscribed once you press that button.",
      "No e-mail? Check your spam folder too. You can sign up again after ten minutes to get a new e-mail.",
    ],
    back: "Back to the form",
  },
};

/** The same page for every valid submission, whatever the address's state (no enumeration). */
export function ThanksPage({ language, formPath }: { language: "nl" | "en"; formPath: string }) {
  const t = THANKS[language];
  return (
    <PublicShell language={language}>
      <h1 className="mb-4 text-2xl font-semibold">{t.title}</h1>
      {t.body.map((p) => <p key={p} className="mb-3">{p}</p>)}
      <p className="mt-4 text-sm"><a href={formPath}>{t.back}</a></p>
    </PublicShell>
  );
}
