// The retention sentence signup forms show (catalogue §3.2 item 5), generated FROM the policy the purge
// job runs on, so what people are told and what the system does can never drift apart.
import type { Lang } from "./reasons";
import { resolveRetentionPolicy, type RetentionPolicyInput } from "./retention-policy";

const UNITS = {
  en: { day: ["day", "days"], month: ["month", "months"] },
  nl: { day: ["dag", "dagen"], month: ["maand", "maanden"] },
} as const;

function count(n: number, unit: "day" | "month", lang: Lang): string {
  return `${n} ${UNITS[lang][unit][n === 1 ? 0 : 1]}`;
}

function within(n: number, lang: Lang): string {
  if (n === 0) return lang === "en" ? "straight away" : "direct";
  return lang === "en" ? `within ${count(n, "day", lang)}` : `binnen ${count(n, "day", lang)}`;
}

/** Plain-language retention text for a signup form, in Dutch or English. */
export function retentionStatement(policyInput: RetentionPolicyInput, lang: Lang): string {
  const p = resolveRetentionPolicy(policyInput);
  if (lang === "nl") {
    return [
      "We bewaren je gegevens zolang je bent ingeschreven.",
      `Bevestig je je aanmelding niet binnen ${count(p.pendingDays, "day", "nl")}, dan verwijderen we die volledig.`,
      `Na je afmelding verwijderen we je gegevens ${within(p.withdrawnGraceDays, "nl")}, behalve een gecodeerde (gehashte) vermelding van je e-mailadres die er alleen voor zorgt dat we je nooit meer mailen.`,
      p.keepProofMonths > 0
        ? `Het bewijs van je toestemming bewaren we nog ${count(p.keepProofMonths, "month", "nl")} na je afmelding, om vragen of klachten te kunnen beantwoorden.`
        : "Het bewijs van je toestemming verwijderen we samen met je gegevens.",
      p.deliveryLogDays === 0
        ? "Gegevens over welke e-mails we je stuurden maken we direct anoniem."
        : `Gegevens over welke e-mails we je stuurden maken we na ${count(p.deliveryLogDays, "day", "nl")} anoniem.`,
    ].join(" ");
  }
  return [
    "We keep your details for as long as you stay subscribed.",
    `If you do not confirm your signup within ${count(p.pendingDays, "day", "en")}, we delete it completely.`,
    `After you unsubscribe we delete your details ${within(p.withdrawnGraceDays, "en")}, except a coded (hashed) entry of your e-mail address that only serves to make sure we never e-mail you again.`,
    p.keepProofMonths > 0
      ? `We keep the proof of your consent for ${count(p.keepProofMonths, "month", "en")} after you unsubscribe, to answer questions or complaints.`
      : "The proof of your consent is deleted along with your details.",
    p.deliveryLogDays === 0
      ? "Records of which e-mails we sent you are made anonymous straight away."
      : `Records of which e-mails we sent you are made anonymous after ${count(p.deliveryLogDays, "day", "en")}.`,
  ].join(" ");
}
