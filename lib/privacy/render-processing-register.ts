// The record of processing activities (AVG art. 30) and the newsletters' section of the privacy statement
// (AVG art. 13), as Markdown, from the facts lib/privacy/processing-register.ts gathered. Pure: no database,
// no clock, no environment. Every value comes from the facts; what the install does not know is written as
// "not filled in", never guessed. Texts: lib/i18n messages, namespace "processingRegister".
import { translator, type Locale } from "../i18n/translator.ts";
import { retentionStatement, type LegalReference, type ProcessingGround, type RetentionPolicy } from "../rules/index.ts";

export type NewsletterFacts = {
  id: string;
  slug: string;
  language: string;
  frequency: string | null;
  /** From the current purpose version (what people consent to now). */
  purpose: {
    version: number; revision: number; name: string; description: string; categories: string[];
    thirdPartyOffers: boolean; aimedAtChildren: boolean; fromName: string; fromEmail: string;
  };
  /** Purchase categories whose buyers may get it on the existing-customer basis. */
  customerProducts: string[];
  /** The current terms (an earlier form may have promised shorter ones; the purge uses the shorter). */
  retention: RetentionPolicy & { version: number; ownTerms: boolean };
  /** Paths of the published, non-archived forms that offer it (/f/x, /n/y), and those of them that ask a name. */
  forms: string[];
  formsAskingName: string[];
  grounds: ProcessingGround[];
};

export type ProcessingRegisterFacts = {
  /** ISO instant the facts were read. */
  generatedAt: string;
  organisation: {
    name: string; address: string; contactEmail: string; privacyUrl: string; dpoContact: string | null;
    hostingProvider: string; emailProvider: string;
    customerWindowMonths: number | null; customerRecordMonths: number; requireDoubleOptIn: boolean;
  };
  newsletters: NewsletterFacts[];
  /** Proof, per-send records, suppression list, buyers' records (lib/rules supportingGrounds). */
  supporting: ProcessingGround[];
  /** The terms of the default policy, which the supporting records follow where no newsletter's own apply. */
  defaultRetention: RetentionPolicy & { version: number };
  processors: {
    /** Host of SMTP_URL (never its credentials); null: no mail server, mail stays in the dev mailbox. */
    smtpHost: string | null;
    /** Host of IMAP_URL when bounces and replies are polled from a mailbox; null: not configured. */
    inboundMailboxHost: string | null;
    database: { provider: "sqlite" } | { provider: "postgres"; host: string };
  };
  /** Whether subscriber data may be given to third parties (lib/rules decideExport; no such consent is recorded). */
  sharingWithThirdParties: boolean;
};

type T = ReturnType<typeof translator<"processingRegister">>;

/** A value for Markdown text: one line, Markdown's special characters escaped (names and descriptions are typed by admins). */
export function mdText(s: string): string {
  return s.replace(/\s+/g, " ").trim().replace(/([\\`*_[\]<>#|!~])/g, "\\$1");
}

const filled = (t: T, s: string | null | undefined) => (s && s.trim() ? mdText(s) : t("notFilledIn"));

/** "GDPR art. 6(1)(a)" / "art. 6 lid 1 sub a AVG". */
export function legalReference(ref: LegalReference, locale: Locale): string {
  const law = { AVG: locale === "nl" ? "AVG" : "GDPR", UAVG: "UAVG", Tw: "Tw" }[ref.law];
  if (locale === "en") return `${law} art. ${ref.article}`;
  const m = /^(\d+(?:\.\d+)?)(?:\((\d+)\))?(?:\(([a-z])\))?$/.exec(ref.article);
  const article = m ? `${m[1]}${m[2] ? ` lid ${m[2]}` : ""}${m[3] ? ` sub ${m[3]}` : ""}` : ref.article;
  return `art. ${article} ${law}`;
}

const refs = (list: LegalReference[], locale: Locale) => list.map((r) => legalReference(r, locale)).join(", ");

function groundLine(t: T, g: ProcessingGround, locale: Locale): string {
  const processing = refs(g.processing, locale);
  const line = g.sending.length
    ? t("ground.withSending", { ground: t(`activity.${g.activity}.ground`), processing, sending: refs(g.sending, locale) })
    : t("ground.processingOnly", { ground: t(`activity.${g.activity}.ground`), processing });
  return `${line}${g.notUnder16 ? `, ${t("ground.notUnder16")}` : ""} (${g.ruleIds.join(", ")})`;
}

const list = (items: string[], t: T) => (items.length ? items.map(mdText).join(", ") : t("none"));
const yesNo = (t: T, b: boolean) => t(b ? "yes" : "no");
const date = (iso: string) => iso.slice(0, 10);

const termsOf = (r: RetentionPolicy): RetentionPolicy => ({ pendingDays: r.pendingDays, withdrawnGraceDays: r.withdrawnGraceDays, keepProofMonths: r.keepProofMonths, deliveryLogDays: r.deliveryLogDays });

function retentionLines(t: T, r: RetentionPolicy): string[] {
  return [
    t("retention.pending", { days: r.pendingDays }),
    t("retention.withdrawn", { days: r.withdrawnGraceDays }),
    r.keepProofMonths > 0 ? t("retention.proof", { months: r.keepProofMonths }) : t("retention.proofNone"),
    t("retention.deliveryLog", { days: r.deliveryLogDays }),
  ];
}

function processorLines(t: T, f: ProcessingRegisterFacts): string[] {
  const p = f.processors;
  const out = [
    p.smtpHost
      ? t("processors.smtp", { host: mdText(p.smtpHost), provider: filled(t, f.organisation.emailProvider) })
      : t("processors.noSmtp", { provider: filled(t, f.organisation.emailProvider) }),
    t("processors.hosting", { provider: filled(t, f.organisation.hostingProvider) }),
    "host" in p.database ? t("processors.databasePostgres", { host: mdText(p.database.host) }) : t("processors.databaseSqlite"),
  ];
  if (p.inboundMailboxHost) out.push(t("processors.inboundMailbox", { host: mdText(p.inboundMailboxHost) }));
  out.push(f.sharingWithThirdParties ? t("processors.sharing") : t("processors.noSharing"));
  out.push(t("processors.transfers"));
  return out;
}

const bullets = (lines: string[], indent = "") => lines.map((l) => `${indent}- ${l}`);

/** The record of processing activities (AVG art. 30(1)) as Markdown. */
export function renderProcessingRegister(f: ProcessingRegisterFacts, locale: Locale): string {
  const t = translator(locale, "processingRegister");
  const o = f.organisation;
  const out: string[] = [
    `# ${t("register.title")}`, "",
    t("register.intro", { date: date(f.generatedAt) }), "",
    `## ${t("register.controller")}`, "",
    ...bullets([
      t("org.name", { value: filled(t, o.name) }),
      t("org.address", { value: filled(t, o.address) }),
      t("org.contact", { value: filled(t, o.contactEmail) }),
      t("org.dpo", { value: filled(t, o.dpoContact) }),
      t("org.privacyUrl", { value: filled(t, o.privacyUrl) }),
    ]), "",
    `## ${t("register.processors")}`, "",
    ...bullets(processorLines(t, f)), "",
    `## ${t("register.activities")}`, "",
  ];
  if (f.newsletters.length === 0) out.push(t("register.noNewsletters"), "");
  f.newsletters.forEach((n, i) => {
    const p = n.purpose;
    const customer = n.customerProducts.length > 0;
    out.push(`### ${i + 1}. ${t("register.newsletter", { name: mdText(p.name) })}`, "");
    out.push(...bullets([
      t("newsletter.purpose", { name: mdText(p.name), description: p.description.trim() ? mdText(p.description) : t("noDescription") }),
      t("newsletter.purposeVersion", { version: p.version, revision: p.revision }),
      t("newsletter.categories", { value: list(p.categories, t) }),
      t("newsletter.thirdPartyOffers", { value: yesNo(t, p.thirdPartyOffers) }),
      t("newsletter.aimedAtChildren", { value: yesNo(t, p.aimedAtChildren) }),
      t("newsletter.language", { value: mdText(n.language) }),
      t("newsletter.frequency", { value: filled(t, n.frequency) }),
      t("newsletter.sender", { name: mdText(p.fromName), email: mdText(p.fromEmail) }),
      t("newsletter.forms", { value: list(n.forms, t) }),
    ]));
    out.push(`- ${t("newsletter.grounds")}`, ...bullets(n.grounds.map((g) => groundLine(t, g, locale)), "  "));
    if (customer) out.push(...bullets([t("newsletter.customerProducts", { value: list(n.customerProducts, t) })], "  "));
    out.push(`- ${t("newsletter.subjects")}`, ...bullets([
      t("subjects.subscribers"),
      ...(customer ? [t("subjects.buyers")] : []),
      ...(p.aimedAtChildren ? [t("subjects.childrenAndParents")] : []),
    ], "  "));
    out.push(`- ${t("newsletter.data")}`, ...bullets(dataLines(t, n), "  "));
    out.push(`- ${t("newsletter.retention", { version: n.retention.version, source: t(n.retention.ownTerms ? "newsletter.ownTerms" : "newsletter.defaultTerms") })}`,
      ...bullets([
        ...retentionLines(t, n.retention),
        ...(customer ? [o.customerWindowMonths === null ? t("retention.customerWindowNone") : t("retention.customerWindow", { months: o.customerWindowMonths })] : []),
      ], "  "));
    out.push(`- ${t("newsletter.recipients")}`, "");
  });
  out.push(`### ${t("register.supporting")}`, "");
  for (const g of f.supporting) {
    out.push(`#### ${t(`activity.${g.activity}.title`)}`, "");
    out.push(...bullets([
      t("supporting.purpose", { value: t(`activity.${g.activity}.purpose`) }),
      t("supporting.data", { value: t(`activity.${g.activity}.data`) }),
      t("supporting.ground", { value: groundLine(t, g, locale) }),
      t("supporting.retention", { value: supportingRetention(t, g, f) }),
    ]), "");
  }
  out.push(`## ${t("register.security")}`, "", ...bullets([
    t("security.access"), t("security.suppression"), t("security.tokens"), t("security.ledger"), t("security.audit"), t("security.noTracking"),
  ]), "");
  return out.join("\n");
}

function dataLines(t: T, n: NewsletterFacts): string[] {
  const customer = n.customerProducts.length > 0;
  return [
    t("data.email"),
    n.formsAskingName.length ? t("data.nameAsked", { forms: list(n.formsAskingName, t) }) : t("data.nameNotAsked"),
    t("data.language"),
    t("data.consentEvents"),
    t("data.sendRecords"),
    ...(n.purpose.aimedAtChildren ? [t("data.children")] : []),
    ...(customer ? [t("data.purchases")] : []),
    t("data.suppression"),
  ];
}

function supportingRetention(t: T, g: ProcessingGround, f: ProcessingRegisterFacts): string {
  const d = f.defaultRetention;
  const retention = {
    "consent-proof": () => (d.keepProofMonths > 0 ? t("supporting.retentionProof", { months: d.keepProofMonths, version: d.version }) : t("supporting.retentionProofNone", { version: d.version })),
    "send-record": () => t("supporting.retentionSendRecord", { days: d.deliveryLogDays, version: d.version }),
    "suppression-list": () => t("supporting.retentionSuppression"),
    "customer-record": () => t("supporting.retentionCustomer", { months: f.organisation.customerRecordMonths }),
    "newsletter-consent": () => t("none"),
    "newsletter-existing-customer": () => t("none"),
  } as const;
  return retention[g.activity]();
}

/** The newsletters' section of the privacy statement (AVG art. 13), addressed to subscribers, as Markdown. */
export function renderPrivacySection(f: ProcessingRegisterFacts, locale: Locale): string {
  const t = translator(locale, "processingRegister");
  const o = f.organisation;
  const customerNewsletters = f.newsletters.filter((n) => n.customerProducts.length > 0);
  const anyName = f.newsletters.some((n) => n.formsAskingName.length > 0);
  const anyChildren = f.newsletters.some((n) => n.purpose.aimedAtChildren);
  const out: string[] = [
    `## ${t("privacy.title")}`, "",
    t("privacy.controller", { name: filled(t, o.name), address: filled(t, o.address), contact: filled(t, o.contactEmail) })
      + (o.dpoContact ? ` ${t("privacy.dpo", { dpo: mdText(o.dpoContact) })}` : ""), "",
    `### ${t("privacy.whatWeSend")}`, "",
  ];
  if (f.newsletters.length === 0) out.push(t("register.noNewsletters"), "");
  for (const n of f.newsletters) {
    const p = n.purpose;
    const extra = [
      p.thirdPartyOffers ? t("privacy.thirdPartyOffers") : null,
      p.aimedAtChildren ? t("privacy.children") : null,
    ].filter((s): s is string => s !== null);
    out.push(`- ${t("privacy.newsletterLine", { name: mdText(p.name), description: p.description.trim() ? mdText(p.description) : t("noDescription") })}${extra.length ? ` ${extra.join(" ")}` : ""}`);
  }
  out.push("", `### ${t("privacy.why")}`, "", t("privacy.consent", { processing: legalReference({ law: "AVG", article: "6(1)(a)" }, locale), sending: legalReference({ law: "Tw", article: "11.7" }, locale) }));
  // The grounds come from lib/rules per newsletter: quote the customer ground as it decided it.
  for (const n of customerNewsletters) {
    const g = n.grounds.find((x) => x.activity === "newsletter-existing-customer");
    if (!g) continue;
    out.push("", t("privacy.customer", { name: mdText(n.purpose.name), products: list(n.customerProducts, t), processing: refs(g.processing, locale), sending: refs(g.sending, locale) }));
  }
  out.push("", `### ${t("privacy.whatWeStore")}`, "", ...bullets([
    t("privacy.data.email"),
    ...(anyName ? [t("privacy.data.name")] : []),
    t("privacy.data.language"),
    t("privacy.data.proof"),
    t("privacy.data.sends"),
    ...(anyChildren ? [t("privacy.data.children")] : []),
    ...(customerNewsletters.length ? [t("privacy.data.purchases")] : []),
  ]), "", t("privacy.noTracking"), "");
  out.push(`### ${t("privacy.howLong")}`, "");
  for (const n of f.newsletters) out.push(`- ${t("privacy.retentionLine", { name: mdText(n.purpose.name), text: mdText(retentionStatement(termsOf(n.retention), locale)) })}`);
  if (customerNewsletters.length) out.push(`- ${t("privacy.customerRecord", { months: o.customerRecordMonths })}`);
  out.push("", `### ${t("privacy.recipients")}`, "", ...bullets([
    f.processors.smtpHost ? t("privacy.smtp", { provider: filled(t, o.emailProvider), host: mdText(f.processors.smtpHost) }) : t("privacy.noSmtp"),
    t("privacy.hosting", { provider: filled(t, o.hostingProvider) }),
  ]), "", f.sharingWithThirdParties ? t("privacy.sharing") : t("privacy.noSharing"), "");
  out.push(`### ${t("privacy.rights")}`, "", t("privacy.rightsText", { contact: filled(t, o.contactEmail) }), "");
  return out.join("\n");
}
