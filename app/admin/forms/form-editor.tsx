"use client";
import { useActionState, useEffect, useState } from "react";
import { bindAction } from "@/lib/util/bind-action";
import { useTranslations } from "next-intl";
import { Button, Field, Notice } from "@/components/ui";
import type { FormDraft } from "@/lib/consent/form-definition";
import { saveFormAction, type FormEditState } from "./actions";
import { Violations } from "./violations";

const area = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

export function FormEditor({ formId, name: savedName, proofOfWork: savedProofOfWork, draft: savedDraft, newsletters }: {
  formId: string; name: string; proofOfWork: boolean; draft: FormDraft; newsletters: { id: string; name: string; archived: boolean }[];
}) {
  const t = useTranslations("admin.forms.editor");
  const [state, action, pending] = useActionState<FormEditState, FormData>(bindAction(saveFormAction, formId), {});
  const e = state.errors ?? {};
  // After a refused save the form shows what was typed, not the saved draft (React resets a form after its action).
  const { name, proofOfWork, draft } = state.values ?? { name: savedName, proofOfWork: savedProofOfWork, draft: savedDraft };
  // Set once hydrated: changes made before that could be overwritten by hydration (tests wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <form action={action} noValidate data-ready={ready ? "true" : undefined} key={state.values ? JSON.stringify(state.values) : "saved"}>
      {state.notice && <Notice kind="success">{state.notice}</Notice>}
      {state.violations && <Violations title={t("notPublished")} violations={state.violations} />}
      {state.errors && <Notice kind="error">{e.form ?? t("fix")}</Notice>}
      <Field label={t("name")} name="name" defaultValue={name} error={e.name} maxLength={120} />
      <div className="mb-4">
        <label htmlFor="language" className="mb-1 block text-sm font-medium">{t("language")}</label>
        <select id="language" name="language" defaultValue={draft.language} className="rounded-md border border-slate-300 px-3 py-2">
          <option value="nl">Nederlands</option>
          <option value="en">English</option>
        </select>
      </div>
      <Field label={t("title")} name="title" defaultValue={draft.title} error={e.title} maxLength={200} />
      <div className="mb-4">
        <label htmlFor="intro" className="mb-1 block text-sm font-medium">{t("intro")}</label>
        <textarea id="intro" name="intro" defaultValue={draft.intro} rows={3} maxLength={2000} className={area} />
        {e.intro && <p role="alert" className="mt-1 text-sm text-red-700">{e.intro}</p>}
      </div>
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium">{t("newsletters")}</legend>
        {newsletters.map((n) => (
          <div key={n.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" id={`nl-${n.id}`} name="newsletterIds" value={n.id} defaultChecked={draft.newsletterIds.includes(n.id)} />
            <label htmlFor={`nl-${n.id}`}>{n.name}{n.archived ? ` ${t("archived")}` : ""}</label>
          </div>
        ))}
        {e.newsletterIds && <p role="alert" className="mt-1 text-sm text-red-700">{e.newsletterIds}</p>}
      </fieldset>
      <div className="mb-4 flex items-center gap-2 text-sm">
        <input type="checkbox" id="askName" name="askName" defaultChecked={draft.askName} />
        <label htmlFor="askName">{t("askName")}</label>
      </div>
      <div className="mb-4">
        <label htmlFor="dataStatement" className="mb-1 block text-sm font-medium">{t("dataStatement")}</label>
        <textarea id="dataStatement" name="dataStatement" defaultValue={draft.dataStatement} rows={3} maxLength={1000} className={area} />
      </div>
      <div className="mb-4">
        <label htmlFor="withdrawalStatement" className="mb-1 block text-sm font-medium">{t("withdrawalStatement")}</label>
        <textarea id="withdrawalStatement" name="withdrawalStatement" defaultValue={draft.withdrawalStatement} rows={3} maxLength={1000} className={area} />
      </div>
      <p className="mb-4 text-sm text-slate-600">{t("automatic")}</p>
      <div className="mb-4 flex items-center gap-2 text-sm">
        <input type="checkbox" id="proofOfWork" name="proofOfWork" defaultChecked={proofOfWork} />
        <label htmlFor="proofOfWork">{t("proofOfWork")}</label>
      </div>
      <div className="flex gap-3">
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>{t("save")}</Button>
        <Button type="submit" name="intent" value="publish" disabled={pending}>{t("publish")}</Button>
      </div>
    </form>
  );
}
