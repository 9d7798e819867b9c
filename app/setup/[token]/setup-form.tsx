"use client";
import { useActionState } from "react";
import { bindAction } from "@/lib/util/bind-action";
import { createFirstAdmin, type SetupState } from "./actions";
import { Button, Field } from "@/components/ui";

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(bindAction(createFirstAdmin, token), {});
  return (
    <form action={action} noValidate>
      {state.error && <p role="alert" className="mb-4 text-sm text-red-700">{state.error}</p>}
      <Field label="Your email address" name="email" type="email" autoComplete="email" required />
      <Field label="Your name (optional)" name="name" autoComplete="name" maxLength={200} />
      <Button type="submit" disabled={pending}>Create the admin account</Button>
    </form>
  );
}
