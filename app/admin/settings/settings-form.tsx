"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, Notice } from "@/components/ui";
import type { Organisation } from "@/lib/settings/get-organisation";
import { saveSettingsAction, type SettingsState } from "./actions";

export function SettingsForm({ organisation: o }: { organisation: Organisation }) {
  const t = useTranslations("admin.settings.form");
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettingsAction, {});
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate>
      {state.notice && <Notice kind="success">{state.notice}</Notice>}
      {state.errors && <Notice kind="error">{t("fix")}</Notice>}
      <Field label={t("name")} name="name" defaultValue={o.name} error={e.name} maxLength={200} required />
      <Field label={t("address")} name="address" defaultValue={o.address} error={e.address} maxLength={300} />
      <Field label={t("contactEmail")} name="contactEmail" type="email" defaultValue={o.contactEmail} error={e.contactEmail} />
      <Field label={t("privacyUrl")} name="privacyUrl" type="url" defaultValue={o.privacyUrl} error={e.privacyUrl} hint={t("privacyUrlHint")} />
      <Field label={t("dpo")} name="dpoContact" defaultValue={o.dpoContact ?? ""} error={e.dpoContact} />
      <Field label={t("hosting")} name="hostingProvider" defaultValue={o.hostingProvider} error={e.hostingProvider} maxLength={200} hint={t("hostingHint")} />
      <Field label={t("emailProvider")} name="emailProvider" defaultValue={o.emailProvider} error={e.emailProvider} maxLength={200} hint={t("emailProviderHint")} />
      <Field label={t("window")} name="customerWindowMonths" type="number" min={1} defaultValue={o.customerWindowMonths ?? ""} error={e.customerWindowMonths} />
      <div className="mb-3 flex items-center gap-2">
        <input id="requireDoubleOptIn" name="requireDoubleOptIn" type="checkbox" defaultChecked={o.requireDoubleOptIn} />
        <label htmlFor="requireDoubleOptIn" className="text-sm">{t("doubleOptIn")}</label>
      </div>
      <div className="mb-4 flex items-center gap-2">
        <input id="isCharity" name="isCharity" type="checkbox" defaultChecked={o.isCharity} />
        <label htmlFor="isCharity" className="text-sm">{t("charity")}</label>
      </div>
      <Button type="submit" disabled={pending}>{t("save")}</Button>
    </form>
  );
}
