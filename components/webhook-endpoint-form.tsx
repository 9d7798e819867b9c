"use client";
// Registers a webhook endpoint and shows its signing secret once (it is kept only sealed).
import { useActionState } from "react";

export type WebhookEndpointState = { secret?: string; error?: string; field?: string };

export function WebhookEndpointForm({ action, events }: { action: (prev: WebhookEndpointState, form: FormData) => Promise<WebhookEndpointState>; events: readonly string[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const err = (field: string) => (state.field === field && state.error ? <p role="alert" className="mt-1 text-sm text-red-700">{state.error}</p> : null);
  return (
    <form action={formAction} className="space-y-4">
      <div>
        <label htmlFor="webhook-url" className="mb-1 block text-sm font-medium">Endpoint URL</label>
        <input id="webhook-url" name="url" type="url" required maxLength={2000} placeholder="https://crm.example.com/hooks/proofmail" aria-invalid={state.field === "url"} className="w-full rounded-md border border-slate-300 px-3 py-2" />
        {err("url")}
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Events</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {events.map((e) => (
            <label key={e} className="flex items-center gap-2 text-sm"><input type="checkbox" name="events" value={e} /> <code>{e}</code></label>
          ))}
        </div>
        {err("events")}
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Payload</legend>
        <label className="flex items-center gap-2 text-sm"><input type="radio" name="payloadMode" value="id" defaultChecked /> Ids only (no personal data beyond the subscriber id)</label>
        <label className="flex items-center gap-2 text-sm"><input type="radio" name="payloadMode" value="address" /> Ids and the email address</label>
        {err("payloadMode")}
      </fieldset>
      {state.error && !state.field && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      {state.secret && (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p className="mb-1 font-medium">Endpoint registered. Copy its signing secret now; it is not shown again.</p>
          <code data-testid="new-webhook-secret" className="break-all">{state.secret}</code>
        </div>
      )}
      <button disabled={pending} className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-50">Add endpoint</button>
    </form>
  );
}
