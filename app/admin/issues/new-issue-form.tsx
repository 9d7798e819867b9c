"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field } from "@/components/ui";
import { createIssueAction, type FormState } from "./actions";

export function NewIssueForm({ newsletters }: { newsletters: { id: string; name: string }[] }) {
  const t = useTranslations("admin.issues");
  const [state, action, pending] = useActionState<FormState, FormData>(createIssueAction, {});
  return (
    <form action={action} noValidate>
      {state.error && <p role="alert" className="mb-3 text-sm text-red-700">{state.error}</p>}
      <div className="mb-4">
        <label htmlFor="newsletterId" className="mb-1 block text-sm font-medium">{t("newsletter")}</label>
        <select id="newsletterId" name="newsletterId" className="w-full rounded-md border border-slate-300 px-3 py-2" required>
          {newsletters.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
        </select>
      </div>
      <Field label={t("subject")} name="subject" maxLength={200} required />
      <Button type="submit" disabled={pending}>{t("create")}</Button>
    </form>
  );
}
