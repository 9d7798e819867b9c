// The newsletter's name, description, sender name and footer, one section per language: the primary
// language's section is required, the others optional (an empty field falls back to the primary text).
// Fields are named "<language>.<field>"; the action turns them into the newsletter's texts.
import { Field } from "@/components/ui";
import type { NewsletterTexts } from "@/lib/newsletters/newsletter-texts";
import type { LanguageTextsLabels } from "./language-texts-labels";

export function LanguageTexts({ primary, values, errors, labels }: {
  primary: string; values: Record<string, NewsletterTexts | undefined>; errors: Record<string, string>; labels: LanguageTextsLabels;
}) {
  return (
    <section className="mb-4" aria-labelledby="language-texts">
      <h2 id="language-texts" className="mb-1 font-semibold">{labels.heading}</h2>
      <p className="mb-3 text-xs text-slate-500">{labels.intro}</p>
      {[...labels.languages].sort((a, b) => Number(b.code === primary) - Number(a.code === primary)).map(({ code, ...heading }) => {
        const isPrimary = code === primary;
        const v = values[code];
        // saveNewsletter names the primary texts by field and the others "texts.<language>.<field>".
        const error = (f: keyof NewsletterTexts) => errors[isPrimary ? f : `texts.${code}.${f}`];
        const hint = isPrimary ? undefined : labels.fallback;
        return (
          <fieldset key={code} className="mb-4 rounded-md border border-slate-200 p-3" data-language={code}>
            <legend className="px-1 text-sm font-medium">{isPrimary ? heading.primary : heading.other}</legend>
            <Field label={labels.name} name={`${code}.name`} defaultValue={v?.name ?? ""} error={error("name")} maxLength={120} required={isPrimary} hint={hint} lang={code} />
            <div className="mb-4">
              <label htmlFor={`${code}.description`} className="mb-1 block text-sm font-medium">{labels.description}</label>
              <textarea lang={code} id={`${code}.description`} name={`${code}.description`} defaultValue={v?.description ?? ""} maxLength={500} rows={3} aria-invalid={!!error("description")} className="w-full rounded-md border border-slate-300 px-3 py-2" />
              {error("description") && <p role="alert" className="mt-1 text-sm text-red-700">{error("description")}</p>}
            </div>
            <Field label={labels.fromName} name={`${code}.fromName`} defaultValue={v?.fromName ?? ""} error={error("fromName")} maxLength={120} required={isPrimary} hint={hint} lang={code} />
            <div className="mb-1">
              <label htmlFor={`${code}.footer`} className="mb-1 block text-sm font-medium">{labels.footer}</label>
              <textarea lang={code} id={`${code}.footer`} name={`${code}.footer`} defaultValue={v?.footer ?? ""} maxLength={1000} rows={2} aria-invalid={!!error("footer")} className="w-full rounded-md border border-slate-300 px-3 py-2" />
              {error("footer") && <p role="alert" className="mt-1 text-sm text-red-700">{error("footer")}</p>}
            </div>
          </fieldset>
        );
      })}
    </section>
  );
}
