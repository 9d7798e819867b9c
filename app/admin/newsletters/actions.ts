"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, checkbox, fields, id, prevState, text } from "@/lib/http/boundary";
import { saveNewsletter } from "@/lib/newsletters/save-newsletter";
import { archiveNewsletter } from "@/lib/newsletters/archive-newsletter";
import { parseSimilarMap } from "@/lib/newsletters/newsletter-input";
import { queueRepermission } from "@/lib/repermission/queue-repermission";
import { LOCALES, type Locale } from "@/lib/i18n/translator";
import { TEXT_FIELDS, type NewsletterTexts, type TextField } from "@/lib/newsletters/newsletter-texts";
import { staffTranslator } from "@/lib/i18n/staff-translator";

import type { NewsletterValues } from "./newsletter-form";

export type NewsletterState = { errors?: Record<string, string>; notice?: string; values?: NewsletterValues };

const list = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);
// The texts per language come as "<language>.<field>" (language-texts.tsx).
const textFields = Object.fromEntries(LOCALES.flatMap((l) => TEXT_FIELDS.map((f) => [`${l}.${f}`, text(20_000)]))) as Record<`${Locale}.${TextField}`, ReturnType<typeof text>>;
const newsletterFields = fields({
  ...textFields, slug: text(1000), language: text(20),
  fromEmail: text(1000), replyTo: text(1000), frequency: text(1000),
  categories: text(5000), similarMap: text(20_000), customerProducts: text(5000),
  thirdPartyOffers: checkbox(), aimedAtChildren: checkbox(), publicArchive: checkbox(), sendingBackend: text(64), template: text(20),
});

const PURPOSE_NOTICE = { material: "savedMaterial", cosmetic: "savedCosmetic", initial: "saved" } as const;

export const saveNewsletterAction = action(
  {
    access: "newsletters.manage",
    input: z.tuple([id().nullable(), prevState<NewsletterState>(), newsletterFields]),
    invalid: (e): NewsletterState => ({ errors: { [e.extra.field ?? "form"]: e.message } }),
  },
  async ({ staff }, id, _prev, form): Promise<NewsletterState> => {
  const texts = Object.fromEntries(LOCALES.map((l) => [l, Object.fromEntries(TEXT_FIELDS.map((f) => [f, form[`${l}.${f}`]])) as NewsletterTexts]));
  // What was typed, so a form that fails validation shows it again.
  const typed: NewsletterValues = { ...form, texts };
  const similar = parseSimilarMap(form.similarMap);
  if (similar && "error" in similar) return { errors: { similarMap: similar.error as string }, values: typed };
  const r = await saveNewsletter({
    id,
    actor: { id: staff.id, email: staff.email },
    // The primary language's texts are the newsletter's own fields; the others are its texts per language.
    input: { ...form, ...texts[form.language as keyof typeof texts], texts, categories: list(form.categories), similarMap: similar, customerProducts: list(form.customerProducts) },
  });
  if (!r.ok) return { errors: r.errors, values: typed };
  revalidatePath("/admin/newsletters");
  if (!id) redirect(`/admin/newsletters/${r.id}`);
  revalidatePath(`/admin/newsletters/${id}`);
  const t = await staffTranslator("admin.newsletters.form");
  return { notice: t(r.purpose ? PURPOSE_NOTICE[r.purpose.change] : "saved", { revision: r.purpose?.revision ?? 0 }) };
  },
);

export const sendRepermissionAction = action({ access: "newsletters.manage", input: z.tuple([id()]).rest(z.unknown()) }, async ({ staff }, id): Promise<void> => {
  await queueRepermission({ newsletterId: id, actor: { id: staff.id, email: staff.email } });
  redirect(`/admin/newsletters/${id}?repermission=queued`);
});

export const archiveNewsletterAction = action({ access: "newsletters.manage", input: z.tuple([id(), z.boolean()]).rest(z.unknown()) }, async ({ staff }, id, archived): Promise<void> => {
  await archiveNewsletter({ id, archived, actor: { id: staff.id, email: staff.email } });
  revalidatePath(`/admin/newsletters/${id}`);
});
