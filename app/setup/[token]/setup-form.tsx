"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { bindAction } from "@/lib/util/bind-action";
import { createFirstAdmin, type SetupState } from "./actions";
import { Button, Field } from "@/components/ui";

export function SetupForm({ token }: { token: string }) {
  const t = useTranslations("admin.setup");
  const [state, action, pending] = useActionState<SetupState, FormData>(bindAction(createFirstAdmin, token), {});
  return (
    <form action={action} noValidate>
      {state.error && <p role="alert" className="mb-4 text-sm text-red-700">{state.error}</p>}
      <Field label={t("email")} name="email" type="email" autoComplete="email" required />
      <Field label={t("name")} name="name" autoComplete="name" maxLength={200} />
      <Button type="submit" disabled={pending}>{t("submit")}</Button>
    </form>
  );
}
