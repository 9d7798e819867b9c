"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { bindAction } from "@/lib/util/bind-action";
import { Button, Field, Notice } from "@/components/ui";
import { saveNewsletterAction, type NewsletterState } from "./actions";
import { LanguageTexts } from "./language-texts";
import type { LanguageTextsLabels } from "./language-texts-labels";
import type { NewsletterTexts } from "@/lib/newsletters/newsletter-texts";

export type NewsletterValues = {
  slug: string; language: string; fromEmail: string;
  /** Name, description, sender name and footer per language (the primary one's are the newsletter's own). */
  texts: Record<string, NewsletterTexts | undefined>;
  replyTo: string; frequency: string; categories: string; similarMap: string;
  thirdPartyOffers: boolean; aimedAtChildren: boolean; customerProducts: string; publicArchive: boolean; sendingBackend: string; template: string;
};

export function NewsletterForm({ id, values: saved, backends = [], textLabels }: { id: string | null; values: NewsletterValues; backends?: string[]; textLabels: LanguageTextsLabels }) {
  const t = useTranslations("admin.newsletters.form");
  const [state, action, pending] = useActionState<NewsletterState, FormData>(bindAction(saveNewsletterAction, id), {});
  const e = state.errors ?? {};
  // After a failed save the form shows what was typed, not the saved values.
  const values = state.values ?? saved;
  const [primary, setPrimary] = useState(values.language);
  return (
    <form action={action} noValidate key={state.values ? JSON.stringify(state.values) : "saved"}>
      {state.notice && <Notice kind="success">{state.notice}</Notice>}
      {state.errors && <Notice kind="error">{e.form ?? t("fix")}</Notice>}
      <Field label={t("slug")} name="slug" defaultValue={values.slug} error={e.slug} maxLength={60} required />
      <div className="mb-4">
        <label htmlFor="language" className="mb-1 block text-sm font-medium">Language</label>
        <select id="language" name="language" defaultValue={values.language} onChange={(ev) => setPrimary(ev.target.value)} className="rounded-md border border-slate-300 px-3 py-2">
          {textLabels.languages.map((l) => <option key={l.code} value={l.code}>{l.name}</option>)}
        </select>
      </div>
      <LanguageTexts primary={primary} values={values.texts} errors={e} labels={textLabels} />
      <Field label={t("frequency")} name="frequency" defaultValue={values.frequency} error={e.frequency} maxLength={120} />
      <Field label={t("fromEmail")} name="fromEmail" type="email" defaultValue={values.fromEmail} error={e.fromEmail} required />
      <Field label={t("replyTo")} name="replyTo" type="email" defaultValue={values.replyTo} error={e.replyTo} />
      <Field label={t("categories")} name="categories" defaultValue={values.categories} error={e.categories} hint={t("categoriesHint")} />
      <div className="mb-4">
        <label htmlFor="similarMap" className="mb-1 block text-sm font-medium">{t("similarMap")}</label>
        <textarea id="similarMap" name="similarMap" defaultValue={values.similarMap} rows={3} placeholder="bikes: bike-parts, helmets" className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
        {e.similarMap && <p role="alert" className="mt-1 text-sm text-red-700">{e.similarMap}</p>}
      </div>
      <Field label={t("customerProducts")} name="customerProducts" defaultValue={values.customerProducts} error={e.customerProducts}
        hint={t("customerProductsHint")} />
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium">{t("purpose")}</legend>
        <label className="mb-1 flex items-center gap-2 text-sm">
          <input type="checkbox" name="thirdPartyOffers" defaultChecked={values.thirdPartyOffers} /> {t("thirdPartyOffers")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="aimedAtChildren" defaultChecked={values.aimedAtChildren} /> {t("aimedAtChildren")}
        </label>
        <p className="mt-1 text-xs text-slate-500">{t("purposeHint")}</p>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium">{t("publicArchive")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="publicArchive" defaultChecked={values.publicArchive} /> {t("publicArchiveBox")}
        </label>
        <p className="mt-1 text-xs text-slate-500">{t("publicArchiveHint", { slug: values.slug || "slug" })}</p>
      </fieldset>
      <div className="mb-4">
        <label htmlFor="template" className="mb-1 block text-sm font-medium">Mail template</label>
        <select id="template" name="template" defaultValue={values.template} className="w-full rounded-md border border-slate-300 px-3 py-2">
          <option value="branded">Branded: logo, colour and address from Settings → Branding</option>
          <option value="plain">Plain</option>
        </select>
        {e.template && <p role="alert" className="mt-1 text-sm text-red-700">{e.template}</p>}
      </div>
      {backends.length > 1 ? (
        <div className="mb-4">
          <label htmlFor="sendingBackend" className="mb-1 block text-sm font-medium">{t("backend")}</label>
          <select id="sendingBackend" name="sendingBackend" defaultValue={values.sendingBackend} className="w-full rounded-md border border-slate-300 px-3 py-2">
            <option value="">{t("allBackends")}</option>
            {backends.map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
          {e.sendingBackend && <p role="alert" className="mt-1 text-sm text-red-700">{e.sendingBackend}</p>}
          <p className="mt-1 text-xs text-slate-500">{t("backendHint")}</p>
        </div>
      ) : <input type="hidden" name="sendingBackend" value={values.sendingBackend} />}
      <Button type="submit" disabled={pending}>{id ? t("save") : t("create")}</Button>
    </form>
  );
}
