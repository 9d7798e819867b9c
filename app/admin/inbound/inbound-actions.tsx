"use client";
// The two staff actions on one unmatched inbound message. The address field starts empty on purpose: the
// address is typed by the staff member, never filled in from the message (a deliberate human decision).
import { useActionState } from "react";
import type { FormState } from "@/components/objection-forms";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
const button = "rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50";

export function InboundActions({ id, suppressible, dismiss, suppress }: { id: string; suppressible: boolean; dismiss: Action; suppress: Action }) {
  const [dismissed, dismissAction, dismissing] = useActionState(dismiss, {});
  const [suppressed, suppressAction, suppressing] = useActionState(suppress, {});
  const done = dismissed.notice ?? suppressed.notice;
  if (done) return <p role="status" className="text-sm text-emerald-800">{done}</p>;
  return (
    <div className="space-y-2">
      <form action={dismissAction}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className={button} disabled={dismissing} data-testid={`dismiss-${id}`}>Dismiss</button>
        {dismissed.error && <p role="alert" className="text-sm text-red-700">{dismissed.error}</p>}
      </form>
      {suppressible && (
        <form action={suppressAction} className="flex flex-wrap items-end gap-2" noValidate>
          <input type="hidden" name="id" value={id} />
          <label className="text-sm">Suppress this address
            <input name="email" type="email" autoComplete="off" defaultValue={suppressed.values?.email ?? ""} placeholder="type the address"
              aria-invalid={suppressed.field === "email"} className="block w-64 rounded-md border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" className={button} disabled={suppressing}>Suppress</button>
          {suppressed.error && <p role="alert" className="w-full text-sm text-red-700">{suppressed.error}</p>}
        </form>
      )}
    </div>
  );
}
