"use client";
import { useActionState } from "react";
import { Button, Notice } from "@/components/ui";
import { anchorLedgerAction, type AnchorState } from "./actions";

export function AnchorForm() {
  const [state, action, pending] = useActionState<AnchorState, FormData>(anchorLedgerAction, {});
  return (
    <form action={action}>
      {state.notice && <Notice kind={state.failed ? "error" : "success"}>{state.notice}</Notice>}
      <Button type="submit" disabled={pending}>Sign and anchor the ledger head now</Button>
    </form>
  );
}
