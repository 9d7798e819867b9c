// What an admin may set on a newsletter. Every text is one line without control characters, because
// names and sender fields end up in mail headers (CR/LF must never reach a header).
import { z } from "zod";
import { TEMPLATES } from "../settings/branding.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { multilineText } from "../util/text-fields.ts";
import { LOCALES } from "../i18n/locales.ts";

const line = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Use one line of text.");
const email = line(254).transform((s, ctx) => {
  const r = normaliseEmail(s);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
  return r.ok ? r.email : s;
});
const optionalEmail = z.union([z.literal("").transform(() => null), email]);
const category = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9 _-]{0,59}$/, "Categories use letters, digits, spaces, - and _.");

const description = multilineText(500).transform((s) => s.trim().replace(/\s+/g, " "));
// Plain text under every issue, before the unsubscribe and receipt links.
const footer = multilineText(1000).transform((s) => s.trim());

/** A language's own texts beside the primary ones: each may be empty (the primary text is used). */
export const languageTextsSchema = z.object({
  name: line(120).default(""), description: description.default(""), fromName: line(120).default(""), footer: footer.default(""),
});

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const newsletterInputSchema = z.object({
  slug: z.string().trim().toLowerCase().min(2, "At least 2 characters.").max(60).regex(SLUG, "Use lower-case letters, digits and single hyphens, e.g. weekly-news."),
  name: line(120).min(1, "Enter a name."),
  description,
  // The primary language: name, description, fromName and footer are its texts (required, except the footer).
  language: z.enum(LOCALES),
  fromName: line(120).min(1, "Enter the sender name."),
  footer: footer.default(""),
  // The other languages' texts (lib/newsletters/newsletter-texts.ts); one for the primary language is ignored.
  texts: z.partialRecord(z.enum(LOCALES), languageTextsSchema).default({}),
  fromEmail: email,
  replyTo: optionalEmail,
  frequency: line(120).transform((s) => (s === "" ? null : s)),
  categories: z.array(category).max(50),
  // R-CUSTOMER-OWN-SIMILAR: per purchased category, the categories this newsletter counts as similar.
  similarMap: z.record(category, z.array(category).max(50)).nullable(),
  // Part of the purpose (lib/newsletters/save-newsletter.ts versions them): R-HOSTMAILING, R-CHILD-UNDER-16.
  thirdPartyOffers: z.boolean().default(false),
  aimedAtChildren: z.boolean().default(false),
  // Purchase categories whose buyers this newsletter may reach on the existing-customer basis.
  customerProducts: z.array(category).max(50).default([]),
  // Not part of the purpose: where sent issues can be read again.
  publicArchive: z.boolean().default(false),
  // Not part of the purpose: the sending backend its sends use unless the editor names one; "" = all.
  sendingBackend: z.string().max(64).default("").transform((s) => s.trim() || null),
  // Not part of the purpose: the look of its mails (lib/settings/branding.ts).
  template: z.enum(TEMPLATES, { message: "Choose a template." }).default("branded"),
});

export type NewsletterInput = z.output<typeof newsletterInputSchema>;

/** "bikes: bike-parts, helmets" lines → { bikes: ["bike-parts", "helmets"] }; empty text → null. */
export function parseSimilarMap(text: string): Record<string, string[]> | null | { error: string } {
  const map: Record<string, string[]> = {};
  for (const raw of text.split(/\r?\n/)) {
    const l = raw.trim();
    if (!l) continue;
    const i = l.indexOf(":");
    if (i <= 0) return { error: `Write each line as "bought category: similar, categories" (line: "${l.slice(0, 40)}").` };
    map[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  }
  return Object.keys(map).length ? map : null;
}

export function formatSimilarMap(map: unknown): string {
  if (!map || typeof map !== "object") return "";
  return Object.entries(map as Record<string, string[]>).map(([k, v]) => `${k}: ${(v ?? []).join(", ")}`).join("\n");
}
