"use client";
import { useActionState, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice } from "@/components/ui";
import type { PrivacyDraft } from "@/lib/privacy/save-privacy-statement-draft";
import { savePrivacyDraftAction, type PrivacyDraftState } from "./actions";

export function PrivacyDraftEditor({ draft, defaultUrl }: { draft: PrivacyDraft; defaultUrl: string }) {
  const t = useTranslations("admin.privacy");
  const [state, action, pending] = useActionState<PrivacyDraftState, FormData>(savePrivacyDraftAction, {});
  const e = state.errors ?? {};
  const lang = draft.language;
  // After a refusal the form shows what was typed, not the saved draft (React resets a form after its action).
  const values = state.values ?? { markdown: draft.markdown, hosted: !!draft.hostedUrl, hostedUrl: draft.hostedUrl ?? defaultUrl };
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <form action={action} noValidate data-ready={ready ? "true" : undefined} data-testid={`privacy-draft-${lang}`} key={state.values ? JSON.stringify(state.values) : "saved"}>
      {state.notice && <Notice kind="success">{state.notice}</Notice>}
      {state.errors && <Notice kind="error">{e.language ?? t("editor.fix")}</Notice>}
      <input type="hidden" name="language" value={lang} />
      <div className="mb-4">
        <label htmlFor={`markdown-${lang}`} className="mb-1 block text-sm font-medium">{t("editor.markdown", { language: t(`language.${lang}`) })}</label>
        <textarea id={`markdown-${lang}`} name="markdown" defaultValue={values.markdown} rows={14} maxLength={200_000} lang={lang}
          className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" aria-invalid={!!e.markdown} />
        {e.markdown && <p role="alert" className="mt-1 text-sm text-red-700">{e.markdown}</p>}
      </div>
      <div className="mb-2 flex items-center gap-2 text-sm">
        <input type="checkbox" id={`hosted-${lang}`} name="hosted" defaultChecked={values.hosted} />
        <label htmlFor={`hosted-${lang}`}>{t("editor.hostedBox")}</label>
      </div>
      <Field label={t("editor.url", { language: t(`language.${lang}`) })} id={`hostedUrl-${lang}`} name="hostedUrl" type="url" defaultValue={values.hostedUrl} error={e.hostedUrl}
        hint={t("editor.urlHint")} />
      <div className="flex gap-3">
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>{t("editor.save")}</Button>
        <Button type="submit" name="intent" value="publish" disabled={pending}>{t("editor.publish")}</Button>
      </div>
    </form>
  );
}
