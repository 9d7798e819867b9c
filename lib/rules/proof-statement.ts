// What a signup form must say about the consent record itself (catalogue §3.2, R-CONSENT-PROOF,
// R-CONSENT-INFORMED): what is stored at signup and at confirmation, why, and on which legal basis.
// Generated here, next to the list of what the code stores, so the form text cannot promise less (or
// more) than lib/consent records: the address, the time, the IP address and the user agent at signup
// and at confirmation (ledger events `signup` and `confirm`); on a children's form also the age answer
// and, under 16, the parent's or guardian's address and their confirmation (R-CHILD-UNDER-16).
import type { Lang } from "./reasons";

/** Plain-language sentences on what is stored as proof of consent, and why. */
export function proofStatement(lang: Lang, { parentalConsent }: { parentalConsent: boolean }): string {
  if (lang === "nl") {
    return [
      "Bij je aanmelding en bij je bevestiging slaan we je e-mailadres op, de datum en tijd, je IP-adres en de identificatie van je browser (user agent).",
      "Dat bewaren we als bewijs dat je toestemming hebt gegeven.",
      ...(parentalConsent
        ? ["We slaan ook je antwoord op de leeftijdsvraag op. Ben je jonger dan 16, dan slaan we het e-mailadres van je ouder of voogd op en sturen we de bevestigingsmail naar hen; bij hun bevestiging slaan we de datum en tijd, hun IP-adres en de identificatie van hun browser op."]
        : []),
    ].join(" ");
  }
  return [
    "When you sign up and when you confirm, we store your e-mail address, the date and time, your IP address and your browser identification (user agent).",
    "We keep this as proof that you gave your consent.",
    ...(parentalConsent
      ? ["We also store your answer to the age question. If you are under 16, we store the e-mail address of your parent or guardian and send the confirmation e-mail to them; when they confirm, we store the date and time, their IP address and their browser identification."]
      : []),
  ].join(" ");
}

/** The legal basis for processing newsletter data (AVG art. 6(1)(a)), in plain language. */
export function legalBasisStatement(lang: Lang): string {
  return lang === "nl"
    ? "We verwerken deze gegevens op basis van je toestemming (AVG artikel 6 lid 1 onder a). Die kun je altijd intrekken."
    : "We process this data on the basis of your consent (GDPR/AVG article 6(1)(a)). You can withdraw it at any time.";
}
