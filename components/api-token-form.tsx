"use client";
// Creates a shop API token and shows it once (it is stored only as a hash).
import { useActionState } from "react";
import { useTranslations } from "next-intl";

export type ApiTokenState = { token?: string; error?: string };

export function ApiTokenForm({ action }: { action: (prev: ApiTokenState, form: FormData) => Promise<ApiTokenState> }) {
  const t = useTranslations("admin.apiTokens");
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <div>
        <label htmlFor="token-name" className="mb-1 block text-sm font-medium">{t("name")}</label>
        <input id="token-name" name="name" required maxLength={100} className="w-full rounded-md border border-slate-300 px-3 py-2" />
      </div>
      {state.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      {state.token && (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p className="mb-1 font-medium">{t("copy")}</p>
          <code data-testid="new-token" className="break-all">{state.token}</code>
        </div>
      )}
      <button disabled={pending} className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-50">{t("create")}</button>
    </form>
  );
}
