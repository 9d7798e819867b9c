"use client";
import { useActionState } from "react";
import { requestSignIn, type LoginState } from "./actions";
import { Button, Field } from "@/components/ui";

export function LoginForm() {
  const [state, action, pending] = useActionState<LoginState, FormData>(requestSignIn, {});
  return (
    <form action={action} noValidate>
      <Field label="Email address" name="email" type="email" autoComplete="email" required error={state.error} />
      <Button type="submit" disabled={pending}>Email me a sign-in link</Button>
    </form>
  );
}
