"use client";
import { useActionState } from "react";
import { Button, Field, Notice } from "@/components/ui";
import type { Organisation } from "@/lib/settings/get-organisation";
import { saveSettingsAction, type SettingsState } from "./actions";

export function SettingsForm({ organisation: o }: { organisation: Organisation }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettingsAction, {});
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate>
      {state.notice && <Notice kind="success">{state.notice}</Notice>}
      {state.errors && <Notice kind="error">Some fields need attention.</Notice>}
      <Field label="Organisation name (the controller)" name="name" defaultValue={o.name} error={e.name} maxLength={200} required />
      <Field label="Postal address" name="address" defaultValue={o.address} error={e.address} maxLength={300} />
      <Field label="Contact e-mail for privacy questions" name="contactEmail" type="email" defaultValue={o.contactEmail} error={e.contactEmail} />
      <Field label="Privacy statement link" name="privacyUrl" type="url" defaultValue={o.privacyUrl} error={e.privacyUrl} hint="A full link, e.g. https://example.org/privacy" />
      <Field label="Data protection officer (optional)" name="dpoContact" defaultValue={o.dpoContact ?? ""} error={e.dpoContact} />
      <Field label="Hosting provider (optional)" name="hostingProvider" defaultValue={o.hostingProvider} error={e.hostingProvider} maxLength={200} hint="The company that hosts this server and its database, as named in the processing register." />
      <Field label="Email delivery provider (optional)" name="emailProvider" defaultValue={o.emailProvider} error={e.emailProvider} maxLength={200} hint="The company behind the mail server (SMTP_URL), e.g. your relay's provider." />
      <Field label="Existing-customer window in months (empty = no limit)" name="customerWindowMonths" type="number" min={1} defaultValue={o.customerWindowMonths ?? ""} error={e.customerWindowMonths} />
      <div className="mb-3 flex items-center gap-2">
        <input id="requireDoubleOptIn" name="requireDoubleOptIn" type="checkbox" defaultChecked={o.requireDoubleOptIn} />
        <label htmlFor="requireDoubleOptIn" className="text-sm">Require double opt-in for consent (web signups always use it)</label>
      </div>
      <div className="mb-4 flex items-center gap-2">
        <input id="isCharity" name="isCharity" type="checkbox" defaultChecked={o.isCharity} />
        <label htmlFor="isCharity" className="text-sm">The organisation is a charity</label>
      </div>
      <Button type="submit" disabled={pending}>Save settings</Button>
    </form>
  );
}
