"use client";
// Creates an API token with its scopes and requests per minute, and shows it once (it is stored only as a hash).
import { useActionState } from "react";
import { API_SCOPES, SCOPE_DESCRIPTIONS } from "@/lib/api/scopes";
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
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Scopes (what the token may do)</legend>
        {API_SCOPES.map((s) => (
          <label key={s} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="scopes" value={s} defaultChecked={s === "write-subscribers"} className="mt-1" />
            <span><code>{s}</code>: {SCOPE_DESCRIPTIONS[s]}</span>
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="token-rate" className="mb-1 block text-sm font-medium">Requests per minute</label>
        <input id="token-rate" name="ratePerMinute" type="number" min={1} max={6000} defaultValue={600} required className="w-40 rounded-md border border-slate-300 px-3 py-2" />
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
