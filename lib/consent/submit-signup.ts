// A signup from a public form, the embeddable snippet or the JSON API (flow 1 in design.md).
// The server trusts nothing from the client: the FormVersion must exist (an older version of the form
// counts as the current one only when lib/rules' decideFormVersion finds its text the same), only the newsletters that version offered can be chosen, and every
// field is checked before anything is written. A valid submission gets the same answer whatever the
// address's state (new, pending, confirmed, suppressed), so the form cannot be used to find out who
// subscribes; what differs happens only in the database and the mail, never in the response.
import { db, Prisma } from "../db/index.ts";
import { config } from "../config/index.ts";
import { appendEvent } from "./ledger.ts";
import { issueToken } from "../security/tokens.ts";
import { hit, type Limit } from "../security/rate-limit.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { suppressionKey } from "../subscribers/suppression.ts";
import { sendMail } from "../mail/transport.ts";
import { getOrganisation } from "../settings/get-organisation.ts";
import { buildConfirmationMail } from "./confirmation-mail.ts";
import { singleLine } from "../mail/render-issue.tsx";
import { inLanguage, TEXTS } from "../newsletters/newsletter-texts.ts";
import { decideConfirmationRequest } from "./decide-confirmation-request.ts";
import { formPublicPath } from "./get-current-form-version.ts";
import { decideFormVersion, decideSignupAge, type SignupAgeDecision } from "../rules/index.ts";
import { verifyProofOfWork } from "./proof-of-work.ts";
import type { FormLanguage } from "./form-definition.ts";
import type { FormVersionDefinition } from "./publish-form-version.ts";
import { getLogger } from "../log/logger.ts";
import { getMailBranding } from "../settings/get-branding.ts";
import { emitEvent } from "../webhooks/emit-event.ts";

const log = getLogger("signup");

export type SignupVia = "form" | "api" | "embed";

export type SignupErrorCode =
  | "invalid_input" | "unknown_form" | "form_closed" | "no_newsletter" | "unknown_newsletter"
  | "invalid_email" | "name_too_long" | "proof_of_work" | "rate_limited"
  | "form_outdated" | "form_updated" | "age_unanswered" | "guardian_required" | "guardian_invalid" | "guardian_same";

type SignupField = "email" | "name" | "newsletters" | "age" | "guardianEmail";

export type SignupResult =
  | { ok: true; language: FormLanguage; thanksPath: string }
  | {
    ok: false; status: 400 | 409 | 410 | 422 | 429; code: SignupErrorCode; language: FormLanguage; message: string; field?: SignupField;
    /** The public page of the form, once the posted version named one (where an embed's visitor can try again). */
    formPath?: string;
  };

/** perIp null: no per-address limit (the API, whose tokens have their own; lib/http/boundary.ts). */
export type SignupLimits = { perIp: Limit | null; mailsPerAddress: Limit; resendAfterMs: number };

/** Per-IP signups; confirmation mails per address (list bombing); a pending re-submission re-sends at most every 10 minutes. */
export const SIGNUP_LIMITS: SignupLimits = {
  perIp: { points: 60, durationSec: 600 },
  mailsPerAddress: { points: 3, durationSec: 3600 },
  resendAfterMs: 10 * 60 * 1000,
};

export const NAME_MAX = 200;

const MESSAGES: Record<SignupErrorCode, Record<FormLanguage, string>> = {
  invalid_input: { nl: "Een van de velden bevat tekens die niet zijn toegestaan.", en: "One of the fields contains characters that are not allowed." },
  unknown_form: { nl: "Dit formulier bestaat niet (meer). Laad de pagina opnieuw.", en: "This form does not exist (any more). Reload the page." },
  form_closed: { nl: "Aanmelden via dit formulier kan niet meer.", en: "This signup form is closed." },
  no_newsletter: { nl: "Vink minstens één nieuwsbrief aan.", en: "Tick at least one newsletter." },
  unknown_newsletter: { nl: "Via dit formulier kun je je alleen aanmelden voor de nieuwsbrieven die erop staan.", en: "This form only offers the newsletters shown on it." },
  invalid_email: { nl: "Vul een geldig e-mailadres in.", en: "Enter a valid e-mail address." },
  name_too_long: { nl: `Je naam is te lang (hooguit ${NAME_MAX} tekens).`, en: `Your name is too long (${NAME_MAX} characters at most).` },
  proof_of_work: { nl: "De anti-spamcontrole is niet afgerond. Wacht even en probeer het opnieuw.", en: "The anti-spam check did not finish. Wait a moment and try again." },
  rate_limited: { nl: "Te veel aanmeldingen vanaf jouw netwerk. Probeer het later opnieuw.", en: "Too many signups from your network. Try again later." },
  form_outdated: { nl: "Dit formulier is gewijzigd. Laad de pagina opnieuw en vul het nog eens in.", en: "This form has changed. Reload the page and fill it in again." },
  form_updated: { nl: "Dit formulier is gewijzigd sinds je het zag. Lees de nieuwe tekst en vink opnieuw aan waarvoor je je wilt aanmelden.", en: "This form was updated after you saw it. Read the new text and tick again what you want to subscribe to." },
  age_unanswered: { nl: "Geef aan of je 16 jaar of ouder bent of jonger dan 16.", en: "Say whether you are 16 or older or under 16." },
  guardian_required: { nl: "Je bent jonger dan 16: vul het e-mailadres van je ouder of voogd in. Zij krijgen de bevestigingsmail.", en: "You are under 16: enter the e-mail address of your parent or guardian. They get the confirmation e-mail." },
  guardian_invalid: { nl: "Vul een geldig e-mailadres in voor je ouder of voogd.", en: "Enter a valid e-mail address for your parent or guardian." },
  guardian_same: { nl: "Vul het e-mailadres van je ouder of voogd in, niet je eigen adres.", en: "Enter your parent's or guardian's e-mail address, not your own." },
};

const STATUS: Record<SignupErrorCode, 400 | 409 | 410 | 422 | 429> = {
  invalid_input: 400, unknown_form: 400, form_closed: 410, no_newsletter: 422, unknown_newsletter: 400,
  invalid_email: 422, name_too_long: 422, proof_of_work: 400, rate_limited: 429,
  form_outdated: 400, form_updated: 409, age_unanswered: 422, guardian_required: 422, guardian_invalid: 422, guardian_same: 422,
};

const FIELD: Partial<Record<SignupErrorCode, SignupField>> = {
  no_newsletter: "newsletters", unknown_newsletter: "newsletters", invalid_email: "email", name_too_long: "name",
  age_unanswered: "age", guardian_required: "guardianEmail", guardian_invalid: "guardianEmail", guardian_same: "guardianEmail",
};

// lib/rules' refusals (R-CHILD-UNDER-16) as the form's error codes.
const AGE_ERROR: Record<Extract<SignupAgeDecision, { ok: false }>["reason"], SignupErrorCode> = {
  SIGNUP_AGE_NOT_ASKED: "form_outdated", SIGNUP_AGE_UNANSWERED: "age_unanswered", SIGNUP_GUARDIAN_REQUIRED: "guardian_required",
  SIGNUP_GUARDIAN_INVALID: "guardian_invalid", SIGNUP_GUARDIAN_SAME_ADDRESS: "guardian_same",
};

function fail(code: SignupErrorCode, lang: FormLanguage, formPath?: string): SignupResult {
  const field = FIELD[code];
  return { ok: false, status: STATUS[code], code, language: lang, message: signupErrorMessage(code, lang), ...(field ? { field } : {}), ...(formPath ? { formPath } : {}) };
}

export const signupErrorMessage = (code: SignupErrorCode, lang: FormLanguage) => MESSAGES[code][lang];

export const isSignupErrorCode = (s: unknown): s is SignupErrorCode => typeof s === "string" && Object.hasOwn(MESSAGES, s);

// CR/LF and other control characters never get in: they would end up in mail headers.
const CONTROL = /[\u0000-\u001f\u007f]/;
const ID = /^[a-z0-9]{1,64}$/;

export type SubmitSignupInput = {
  formVersionId: unknown;
  email: unknown;
  name?: unknown;
  /** The age question's answer ("16-or-older" | "under-16"), on forms offering a newsletter aimed at children. */
  age?: unknown;
  /** A parent's or guardian's address: used only when the answer is "under-16". */
  guardianEmail?: unknown;
  /** One id or a list (repeated form fields arrive as a list). */
  newsletterIds: unknown;
  /** The honeypot field: people never see it, bots fill it in. */
  honeypot?: unknown;
  pow?: { challenge: unknown; nonce: unknown };
  /** When the POST came from /f/[form] or /n/[newsletter], the form that page shows. */
  expectedFormId?: string;
  via: SignupVia;
  /** The person's, as they agreed; null when the caller does not know them (an API caller's own systems). */
  ip: string | null;
  userAgent: string | null;
  /** The language for errors found before the form is known. */
  language?: FormLanguage;
  now?: Date;
  limits?: SignupLimits;
  /** Runs the mail work after the response (Next's `after`), so its timing reveals nothing; inline by default. */
  defer?: (task: () => Promise<void>) => void;
};

export async function submitSignup(input: SubmitSignupInput): Promise<SignupResult> {
  const now = input.now ?? new Date();
  const limits = input.limits ?? SIGNUP_LIMITS;
  let lang: FormLanguage = input.language ?? "en";

  // 1. The version the person was shown, and its form.
  if (typeof input.formVersionId !== "string" || !ID.test(input.formVersionId)) return fail("unknown_form", lang);
  const posted = await db.formVersion.findUnique({ where: { id: input.formVersionId }, include: { form: true } });
  if (!posted || (input.expectedFormId && posted.formId !== input.expectedFormId)) return fail("unknown_form", lang);
  lang = posted.language === "en" ? "en" : "nl";
  const form = posted.form;
  const formPath = (await formPublicPath(form.id)) ?? `/f/${form.slug}`;
  const failHere = (code: SignupErrorCode) => fail(code, lang, formPath);
  if (form.archivedAt || !form.currentVersionId) return failHere("form_closed");
  const accepted: SignupResult = { ok: true, language: lang, thanksPath: `${formPath}/thanks` };

  // 2. Bots: the honeypot gets the normal answer and nothing else.
  if (typeof input.honeypot === "string" && input.honeypot.trim() !== "") return accepted;
  if (limits.perIp && !(await hit("signup-ip", input.ip ?? "", limits.perIp)).ok) return failHere("rate_limited");

  // An older version (an embed copied before the form changed) is the current one if its text is; else nothing is recorded.
  let version = posted;
  if (form.currentVersionId !== posted.id) {
    const current = await db.formVersion.findUnique({ where: { id: form.currentVersionId } });
    const facts = (v: { id: string; renderedText: string; newsletterIds: unknown }) => ({ id: v.id, renderedText: v.renderedText, newsletterIds: v.newsletterIds as string[] });
    if (!current || !decideFormVersion({ posted: facts(posted), current: facts(current) }).accept) return failHere("form_updated");
    version = { ...current, form };
    lang = version.language === "en" ? "en" : "nl";
  }

  // 3. Fields.
  const rawIds = typeof input.newsletterIds === "string" ? [input.newsletterIds] : input.newsletterIds ?? [];
  if (!Array.isArray(rawIds) || rawIds.length > 50 || !rawIds.every((x) => typeof x === "string")) return failHere("invalid_input");
  if (typeof input.email !== "string" || [input.name, input.age, input.guardianEmail].some((v) => v != null && typeof v !== "string")) return failHere("invalid_input");
  const name = typeof input.name === "string" ? input.name.normalize("NFC").trim() : "";
  if (name.length > NAME_MAX) return failHere("name_too_long");
  const ageText = typeof input.age === "string" ? input.age.trim() : "";
  const guardianText = typeof input.guardianEmail === "string" ? input.guardianEmail.trim() : "";
  if ([input.email, name, ageText, guardianText, ...rawIds].some((s) => CONTROL.test(s as string))) return failHere("invalid_input");
  if (ageText !== "" && ageText !== "16-or-older" && ageText !== "under-16") return failHere("invalid_input");
  const chosen = [...new Set(rawIds as string[])];
  if (chosen.length === 0) return failHere("no_newsletter");
  const offered = version.newsletterIds as string[];
  if (!chosen.every((id) => offered.includes(id))) return failHere("unknown_newsletter");
  // Addresses are compared and stored in one normal form (lib/subscribers/normalise-email.ts): Unicode
  // NFC, lower case, the domain as IDNA ASCII ("bücher.nl" → "xn--bcher-kva.nl"); CR/LF and more than
  // 254 characters are refused. So "Jan@Bücher.NL" and "jan@xn--bcher-kva.nl" are one subscriber.
  const email = normaliseEmail(input.email);
  if (!email.ok) return failHere("invalid_email");
  // R-CHILD-UNDER-16: lib/rules decides whose consent this is and where the confirmation goes.
  const guardian = ageText === "under-16" && guardianText ? normaliseEmail(guardianText) : null;
  const ageDecision = decideSignupAge({
    asksAge: ((version.definition as FormVersionDefinition).lines ?? []).some((l) => l.kind === "age"),
    childrenNewsletterChosen: (await db.newsletter.count({ where: { id: { in: chosen }, aimedAtChildren: true } })) > 0,
    age: ageText === "" ? null : ageText,
    guardianEmail: !guardian ? "absent" : !guardian.ok ? "invalid" : guardian.email === email.email ? "same-as-subject" : "valid",
  });
  if (!ageDecision.ok) return failHere(AGE_ERROR[ageDecision.reason]);
  const guardianEmail = ageDecision.confirmationTo === "guardian" && guardian?.ok ? guardian.email : null;
  if (form.proofOfWork && !(await verifyProofOfWork({ formId: form.id, challenge: input.pow?.challenge, nonce: input.pow?.nonce, now }))) {
    return failHere("proof_of_work");
  }
  const live = await db.newsletter.findMany({ where: { id: { in: chosen }, archivedAt: null }, select: { id: true } });
  if (live.length !== chosen.length) return failHere("unknown_newsletter");
  // Keep the order the form showed them in.
  chosen.sort((a, b) => offered.indexOf(a) - offered.indexOf(b));

  // 4. Record it, in one transaction with its ledger event.
  // Proof of what was on screen: the version named in the post, when it was an older one with the same text.
  const postedVersion = posted.id !== version.id ? posted.version : null;
  const outcome = await withRetry(() => recordSignup({
    email: email.email, name: (version.definition as FormVersionDefinition).draft?.askName ? name : "", chosen, versionId: version.id, formId: form.id,
    versionNo: version.version, postedVersion, purposeVersionIds: (version.purposeVersionIds ?? {}) as Record<string, string>, via: input.via, ip: input.ip, userAgent: input.userAgent, now, limits, lang,
    givenBy: ageDecision.givenBy, ageBand: ageDecision.ageBand, guardianEmail,
  }));

  if (outcome) {
    // Under 16 the double opt-in goes to the parent or guardian only; the mail names the child's address.
    const to = guardianEmail ? { email: guardianEmail, childEmail: email.email } : { email: email.email };
    const task = () => deliverConfirmation({ ...outcome, ...to, lang, formVersionId: version.id, limits, now });
    if (input.defer) input.defer(task);
    else await task();
  }
  return accepted;
}

type Outcome = { subscriberId: string; tokenId: string; token: string; newsletterIds: string[]; resend: boolean };

async function recordSignup(o: {
  email: string; name: string; chosen: string[]; versionId: string; formId: string; versionNo: number; postedVersion: number | null;
  /** The purpose version each box of the form version presented (null for versions that predate them). */
  purposeVersionIds: Record<string, string>;
  via: SignupVia; ip: string | null; userAgent: string | null; now: Date; limits: SignupLimits; lang: FormLanguage;
  givenBy: "subject" | "parent"; ageBand: "under16" | "adult" | null; guardianEmail: string | null;
}): Promise<Outcome | null> {
  return db.$transaction(async (tx) => {
    const subscriber =
      (await tx.subscriber.findUnique({ where: { email: o.email } })) ??
      (await tx.subscriber.create({ data: { email: o.email, name: o.name || null, ageBand: o.ageBand, guardianEmail: o.guardianEmail } }));
    const existing = await tx.subscription.findMany({ where: { subscriberId: subscriber.id, newsletterId: { in: o.chosen } } });
    const consent = {
      status: "pending" as const, basis: "consent" as const, method: "double_opt_in" as const, source: "own_form" as const,
      formVersionId: o.versionId, givenAt: o.now, confirmedAt: null, unsubscribedAt: null, givenBy: o.givenBy,
      preTicked: false, bundled: false, conditional: false, thirdPartyOffers: false, sourceProofNamesOrg: false, proofReference: null,
    };
    const fresh: { subscriptionId: string; newsletterId: string }[] = [];
    const pending: { subscriptionId: string; newsletterId: string }[] = [];
    for (const newsletterId of o.chosen) {
      const s = existing.find((x) => x.newsletterId === newsletterId);
      const purposeVersionId = o.purposeVersionIds[newsletterId] ?? null;
      if (!s) {
        const row = await tx.subscription.create({ data: { subscriberId: subscriber.id, newsletterId, ...consent, purposeVersionId } });
        fresh.push({ subscriptionId: row.id, newsletterId });
      } else if (s.status === "confirmed") {
        continue; // already subscribed: no state change
      } else if (s.status === "unsubscribed" || s.source !== "own_form" || !s.formVersionId || s.givenBy !== o.givenBy) {
        // Someone who left (or an imported pending row without proof) comes back only through this new
        // double opt-in; its confirmation lifts the suppression (confirm-signup.ts). It is a new pending
        // signup, so its age (which the purge of unconfirmed signups goes by) starts now. So does a pending
        // signup that now needs the other person's confirmation (the child's own or the parent's).
        await tx.subscription.update({ where: { id: s.id }, data: { ...consent, purposeVersionId, createdAt: o.now } });
        fresh.push({ subscriptionId: s.id, newsletterId });
      } else {
        pending.push({ subscriptionId: s.id, newsletterId });
      }
    }
    if (fresh.length) {
      await appendEvent(tx, {
        type: "signup", at: o.now, subscriberId: subscriber.id, newsletterIds: fresh.map((f) => f.newsletterId), formVersionId: o.versionId,
        actor: "subject", ip: o.ip, userAgent: o.userAgent,
        details: {
          formId: o.formId, version: o.versionNo, ...(o.postedVersion !== null ? { postedVersion: o.postedVersion } : {}), via: o.via, subscriptionIds: fresh.map((f) => f.subscriptionId),
          purposeVersionIds: Object.fromEntries(fresh.map((f) => [f.newsletterId, o.purposeVersionIds[f.newsletterId] ?? null])),
          ...(o.ageBand ? { ageBand: o.ageBand, givenBy: o.givenBy } : {}),
        },
      });
      await emitEvent(tx, { type: "subscriber.pending", data: { subscriberId: subscriber.id, newsletterIds: fresh.map((f) => f.newsletterId) }, email: subscriber.email }, o.now);
    }
    const toConfirm = [...fresh, ...pending].sort((a, b) => o.chosen.indexOf(a.newsletterId) - o.chosen.indexOf(b.newsletterId));
    if (toConfirm.length === 0) return null;
    if (fresh.length === 0) {
      // Only a re-submission of what is already pending: re-send at most once per 10 minutes.
      const last = await tx.token.findFirst({ where: { purpose: "optin", subjectId: subscriber.id, lastSentAt: { not: null } }, orderBy: { lastSentAt: "desc" } });
      if (last?.lastSentAt && o.now.getTime() - last.lastSentAt.getTime() < o.limits.resendAfterMs) return null;
    }
    const { token, id } = await issueToken(tx, {
      purpose: "optin", subjectId: subscriber.id, now: o.now, ttlMs: config().optinTokenHours * 3600_000,
      data: {
        subscriptionIds: toConfirm.map((t) => t.subscriptionId), newsletterIds: toConfirm.map((t) => t.newsletterId), formId: o.formId, language: o.lang,
        ...(o.ageBand ? { ageBand: o.ageBand, givenBy: o.givenBy } : {}), ...(o.guardianEmail ? { guardianEmail: o.guardianEmail } : {}),
      },
    });
    return { subscriberId: subscriber.id, tokenId: id, token, newsletterIds: toConfirm.map((t) => t.newsletterId), resend: fresh.length === 0 };
  });
}

/** Sends the confirmation mail and records what was sent; never throws (it may run after the response). */
async function deliverConfirmation(o: Outcome & { email: string; childEmail?: string; lang: FormLanguage; formVersionId: string; limits: SignupLimits; now: Date }) {
  const notSent = () => db.token.update({ where: { id: o.tokenId }, data: { lastSentAt: null } });
  try {
    if (!(await hit("signup-mail-addr", suppressionKey(o.email), o.limits.mailsPerAddress)).ok) {
      await notSent();
      return;
    }
    // The gate decides this mail like every other (E0: ALLOW_CONFIRMATION_REQUEST); it names only what it allows.
    const decisions = await decideConfirmationRequest({ subscriberId: o.subscriberId, newsletterIds: o.newsletterIds, now: o.now });
    const allowed = decisions.filter((d) => d.decision?.allowed);
    const allowedIds = allowed.map((d) => d.newsletterId);
    if (allowedIds.length === 0) {
      log.warn({ subscriberId: o.subscriberId, reasons: decisions.map((d) => d.decision?.reason ?? "signup gone") }, "confirmation mail not sent");
      await notSent();
      return;
    }
    const organisation = await getOrganisation(db);
    const rows = await db.newsletter.findMany({ where: { id: { in: allowedIds } }, include: { texts: TEXTS } });
    // Each newsletter's name and sender name in the signup's language (else its primary texts).
    const newsletters = allowedIds.flatMap((id) => rows.filter((r) => r.id === id).map((r) => inLanguage(r, o.lang)));
    const first = newsletters[0];
    const { mail, recorded } = buildConfirmationMail({
      to: o.email,
      // The newsletter's own sender name, as on every issue; with several, the first one chosen.
      from: { name: singleLine(first.fromName) || organisation.name, address: singleLine(first.fromEmail) },
      language: o.lang,
      organisation,
      newsletterNames: newsletters.map((n) => n.name),
      childEmail: o.childEmail,
      brand: await getMailBranding(db, newsletters.map((n) => n.template)),
      url: `${config().appUrl}/confirm/${o.token}`,
      validHours: config().optinTokenHours,
    });
    await sendMail(mail);
    await db.$transaction((tx) => appendEvent(tx, {
      type: "optin_sent", subscriberId: o.subscriberId, newsletterIds: allowedIds, formVersionId: o.formVersionId,
      actor: "system", details: { subject: recorded.subject, text: recorded.text, decision: allowed[0].decision!.reason, ...(o.resend ? { resend: true } : {}) },
    }));
  } catch (err) {
    // The person can simply submit again: a token that was never sent does not hold back a re-send.
    log.error({ subscriberId: o.subscriberId, err }, "confirmation mail failed");
    await notSent().catch(() => {});
  }
}

async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // Two submissions for the same new address at once: the second sees the first's rows on retry.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return fn();
    throw err;
  }
}
