"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice } from "@/components/ui";
import { createFormAction, type FormEditState } from "./actions";

export function NewForm({ newsletters }: { newsletters: { id: string; name: string }[] }) {
  const t = useTranslations("admin.forms.editor");
  const [state, action, pending] = useActionState<FormEditState, FormData>(createFormAction, {});
  const e = state.errors ?? {};
  const v = state.values;
  return (
    <form action={action} noValidate key={v ? JSON.stringify(v) : "empty"}>
      {state.errors && <Notice kind="error">{e.form ?? t("fix")}</Notice>}
      <Field label={t("name")} name="name" defaultValue={v?.name} error={e.name} maxLength={120} />
      <Field label={t("slug")} name="slug" defaultValue={v?.slug} error={e.slug} maxLength={60} />
      <div className="mb-4">
        <label htmlFor="language" className="mb-1 block text-sm font-medium">{t("language")}</label>
        <select id="language" name="language" defaultValue={v?.draft.language} className="rounded-md border border-slate-300 px-3 py-2">
          <option value="nl">Nederlands</option>
          <option value="en">English</option>
        </select>
      </div>
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium">{t("newslettersNew")}</legend>
        {newsletters.length === 0 && <p className="text-sm">{t("newsletterFirst")}</p>}
        {newsletters.map((n) => (
          <div key={n.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" id={`new-nl-${n.id}`} name="newsletterIds" value={n.id} defaultChecked={v?.draft.newsletterIds.includes(n.id)} />
            <label htmlFor={`new-nl-${n.id}`}>{n.name}</label>
          </div>
        ))}
        {e.newsletterIds && <p role="alert" className="mt-1 text-sm text-red-700">{e.newsletterIds}</p>}
      </fieldset>
      <Button type="submit" disabled={pending}>{t("create")}</Button>
    </form>
  );
}
