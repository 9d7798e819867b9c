"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { requestSignIn, type LoginState } from "./actions";
import { Button, Field } from "@/components/ui";

export function LoginForm() {
  const t = useTranslations("admin.login");
  const [state, action, pending] = useActionState<LoginState, FormData>(requestSignIn, {});
  return (
    <form action={action} noValidate>
      <Field label={t("email")} name="email" type="email" autoComplete="email" required error={state.enterEmail ? t("enterEmail") : state.error} />
      <Button type="submit" disabled={pending}>{t("submit")}</Button>
    </form>
  );
}
