// The editable definition of a signup form (Form.draft). Publishing turns it, together with the
// organisation settings, the newsletters and their retention policies, into an immutable FormVersion
// (render-form-text.ts). Only statements the admin may word themself live here; the controller, the
// privacy link and the retention sentence always come from the settings and policies.
import { z } from "zod";
import { multilineText } from "../util/text-fields.ts";

export type FormLanguage = "nl" | "en";

const paragraph = multilineText; // tabs and newlines allowed; CRLF from the browser becomes LF

export const formDraftSchema = z.object({
  language: z.enum(["nl", "en"]),
  title: paragraph(200).refine((s) => !/[\r\n]/.test(s), "Use one line.").transform((s) => s.trim()).pipe(z.string().min(1, "Enter a title.")),
  intro: paragraph(2000).transform((s) => s.trim()),
  /** One unticked checkbox per newsletter, in this order. */
  newsletterIds: z.array(z.string().regex(/^[a-z0-9]{1,64}$/)).max(20),
  /** Whether an optional name field is shown (never required: data minimisation). */
  askName: z.boolean(),
  dataStatement: paragraph(1000).transform((s) => s.trim()),
  withdrawalStatement: paragraph(1000).transform((s) => s.trim()),
});

export type FormDraft = z.output<typeof formDraftSchema>;

const DEFAULTS = {
  nl: {
    title: (org: string) => (org ? `Aanmelden voor de nieuwsbrieven van ${org}` : "Aanmelden voor onze nieuwsbrieven"),
    data: (askName: boolean) =>
      `We vragen alleen je e-mailadres${askName ? " en, als je wilt, je naam" : ""}. We houden niet bij of je onze e-mails opent of op links klikt, en we geven je gegevens niet aan anderen.`,
    withdrawal:
      "Je kunt je toestemming altijd intrekken, gratis, met de afmeldlink in elke e-mail. Je hebt ook het recht om je gegevens in te zien, te laten verbeteren en te laten verwijderen, en om een klacht in te dienen bij de Autoriteit Persoonsgegevens.",
  },
  en: {
    title: (org: string) => (org ? `Subscribe to the newsletters of ${org}` : "Subscribe to our newsletters"),
    data: (askName: boolean) =>
      `We ask only for your e-mail address${askName ? " and, if you like, your name" : ""}. We do not track whether you open our e-mails or click links, and we do not share your details with others.`,
    withdrawal:
      "You can withdraw your consent at any time, free of charge, with the unsubscribe link in every e-mail. You also have the right to see, correct and delete your data, and to complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).",
  },
} as const;

/** A sensible starting draft in plain language; the admin may reword the statements. */
export function defaultFormDraft({ language, organisationName = "", newsletterIds = [], askName = true }: {
  language: FormLanguage; organisationName?: string; newsletterIds?: string[]; askName?: boolean;
}): FormDraft {
  const t = DEFAULTS[language];
  return {
    language,
    title: t.title(organisationName),
    intro: "",
    newsletterIds,
    askName,
    dataStatement: t.data(askName),
    withdrawalStatement: t.withdrawal,
  };
}

/** The draft of the implicit one-newsletter form behind /n/[newsletter]. */
export function newsletterFormDraft(newsletter: { id: string; name: string; language: string }): FormDraft {
  const language: FormLanguage = newsletter.language === "en" ? "en" : "nl";
  return {
    ...defaultFormDraft({ language, newsletterIds: [newsletter.id] }),
    title: language === "nl" ? `Aanmelden voor ${newsletter.name}` : `Subscribe to ${newsletter.name}`,
  };
}

/** Form slugs of the implicit newsletter forms; admin slugs cannot contain "--", so they never clash. */
export const implicitFormSlug = (newsletterId: string) => `n--${newsletterId}`;
export const isImplicitFormSlug = (slug: string) => slug.startsWith("n--");

/** Reads a stored draft (Json column); anything unreadable becomes null rather than a crash. */
export function readFormDraft(value: unknown): FormDraft | null {
  const r = formDraftSchema.safeParse(value);
  return r.success ? r.data : null;
}
