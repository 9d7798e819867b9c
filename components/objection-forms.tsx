"use client";
// Staff forms for objections by any channel: record one for a subscriber or by address, record a reply to the
// List-Unsubscribe mailto address, add addresses to the suppression list. A failed submission keeps what
// was typed (the action returns the values).
import { useActionState } from "react";

export type FormState = {
  error?: string;
  field?: string;
  notice?: string;
  lines?: { line: number; error: string }[];
  values?: Record<string, string>;
};
type Action = (prev: FormState, form: FormData) => Promise<FormState>;
type Option = { id: string; label: string };

const CHANNELS: Option[] = [
  { id: "phone", label: "Phone" }, { id: "reply-mail", label: "Reply mail" }, { id: "letter", label: "Letter" }, { id: "in-person", label: "In person" },
];
const input = "w-full rounded-md border border-slate-300 px-3 py-2";
const button = "rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-50";

function Messages({ state }: { state: FormState }) {
  return (
    <>
      {state.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      {state.lines && state.lines.length > 0 && (
        <ul aria-label="Invalid lines" className="list-disc pl-5 text-sm text-red-700">
          {state.lines.map((l) => <li key={l.line}>Line {l.line}: {l.error}</li>)}
        </ul>
      )}
      {state.notice && <p role="status" className="text-sm text-emerald-800">{state.notice}</p>}
    </>
  );
}

export function RecordObjectionForm({ action, subscriberId, newsletters, noteMax }: { action: Action; subscriberId: string; newsletters: Option[]; noteMax: number }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  // A new key after each answer re-applies the returned values to the uncontrolled fields.
  return (
    <form action={formAction} className="space-y-3" key={JSON.stringify(v)}>
      <input type="hidden" name="subscriberId" value={subscriberId} />
      <div className="flex flex-wrap gap-4">
        <label className="text-sm">What
          <select name="kind" defaultValue={v.kind ?? "objection"} className={input}>
            <option value="objection">Objection to direct marketing</option>
            <option value="withdrawal">Withdrawal of consent</option>
          </select>
        </label>
        <label className="text-sm">For
          <select name="scope" defaultValue={v.scope ?? "all"} className={input}>
            <option value="all">All newsletters</option>
            {newsletters.map((n) => <option key={n.id} value={n.id}>{n.label}</option>)}
          </select>
        </label>
        <label className="text-sm">Channel
          <select name="channel" defaultValue={v.channel ?? "phone"} className={input}>
            {CHANNELS.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
          </select>
        </label>
      </div>
      <label className="block text-sm">Note (optional; kept with the proof, so no more personal data than needed)
        <textarea name="note" maxLength={noteMax} rows={2} defaultValue={v.note ?? ""} className={input} aria-invalid={state.field === "note"} />
      </label>
      <Messages state={state} />
      <button disabled={pending} className={button}>Record</button>
    </form>
  );
}

/** By address, for editors too: the answer is the same whether or not the address subscribes. */
export function RecordObjectionByAddressForm({ action, newsletters, noteMax }: { action: Action; newsletters: Option[]; noteMax: number }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const invalid = (name: string) => state.field === name || undefined;
  return (
    <form action={formAction} className="space-y-3" key={JSON.stringify(v)} aria-label="Record by address">
      <label className="block text-sm">E-mail address of the person
        <input name="email" type="email" required maxLength={320} autoComplete="off" defaultValue={v.email ?? ""} className={input} aria-invalid={invalid("email")} />
      </label>
      <div className="flex flex-wrap gap-4">
        <label className="text-sm">What
          <select name="kind" defaultValue={v.kind ?? "objection"} className={input} aria-invalid={invalid("kind")}>
            <option value="objection">Objection to direct marketing</option>
            <option value="withdrawal">Withdrawal of consent</option>
          </select>
        </label>
        <label className="text-sm">For
          <select name="scope" defaultValue={v.scope ?? "all"} className={input} aria-invalid={invalid("scope")}>
            <option value="all">All newsletters</option>
            {newsletters.map((n) => <option key={n.id} value={n.id}>{n.label}</option>)}
          </select>
        </label>
        <label className="text-sm">Channel
          <select name="channel" defaultValue={v.channel ?? "phone"} className={input} aria-invalid={invalid("channel")}>
            {CHANNELS.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
          </select>
        </label>
      </div>
      <label className="block text-sm">Note (optional; kept with the proof for a subscriber, so no more personal data than needed)
        <textarea name="note" maxLength={noteMax} rows={2} defaultValue={v.note ?? ""} className={input} aria-invalid={invalid("note")} />
      </label>
      <Messages state={state} />
      <button disabled={pending} className={button}>Record by address</button>
    </form>
  );
}

export function ReplyUnsubscribeForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} className="space-y-3" key={JSON.stringify(v)}>
      <label className="block text-sm">Subject line of the reply
        <input name="subject" required maxLength={1000} defaultValue={v.subject ?? ""} placeholder="unsubscribe ck3…abc.Xy_z…" className={input} />
      </label>
      <label className="block text-sm">Note (optional)
        <input name="note" maxLength={500} defaultValue={v.note ?? ""} className={input} />
      </label>
      <Messages state={state} />
      <button disabled={pending} className={button}>Record withdrawal</button>
    </form>
  );
}

export function AddSuppressionsForm({ action, reasons, maxLines }: { action: Action; reasons: Option[]; maxLines: number }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  return (
    <form action={formAction} className="space-y-3" key={JSON.stringify(v)}>
      <label className="block text-sm">Addresses, one per line (at most {maxLines})
        <textarea name="addresses" required rows={6} defaultValue={v.addresses ?? ""} className={`${input} font-mono`} />
      </label>
      <label className="block text-sm">Reason
        <select name="reason" defaultValue={v.reason ?? "objection"} className={input}>
          {reasons.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
        </select>
      </label>
      <Messages state={state} />
      <button disabled={pending} className={button}>Add to the suppression list</button>
    </form>
  );
}
