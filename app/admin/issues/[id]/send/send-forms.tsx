"use client";
import { useActionState } from "react";
import { bindAction } from "@/lib/util/bind-action";
import { Button, Card, Field, Notice } from "@/components/ui";
import { scheduleAction, sendNowAction, type FormState } from "../../actions";

// Only with more than one backend (SMTP_BACKENDS): which one, or all of them, and whether to fail over.
function Routing({ idSuffix, backends, newsletterBackend }: { idSuffix: string; backends: string[]; newsletterBackend: string | null }) {
  if (backends.length < 2) return null;
  return (
    <div className="mb-4">
      <label htmlFor={`backend-${idSuffix}`} className="mb-1 block text-sm font-medium">Sending backend</label>
      <select id={`backend-${idSuffix}`} name="backend" defaultValue="" className="mb-2 w-full rounded-md border border-slate-300 px-3 py-2">
        <option value="">The newsletter&apos;s default ({newsletterBackend ?? "all backends"})</option>
        <option value="*">All backends, each within its limits</option>
        {backends.map((b) => <option key={b} value={b}>{b}</option>)}
      </select>
      <div className="flex items-center gap-2">
        <input type="checkbox" id={`failover-${idSuffix}`} name="failover" value="yes" />
        <label htmlFor={`failover-${idSuffix}`} className="text-sm">If this backend keeps failing, continue on the others</label>
      </div>
    </div>
  );
}

export function SendForms({ issueId, recipients, backends, newsletterBackend }: { issueId: string; recipients: number; backends: string[]; newsletterBackend: string | null }) {
  const [now, sendNow, sending] = useActionState<FormState, FormData>(bindAction(sendNowAction, issueId), {});
  const [later, schedule, scheduling] = useActionState<FormState, FormData>(bindAction(scheduleAction, issueId), {});
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
      <Card>
        <h2 className="mb-3 font-semibold">Send now</h2>
        <form action={sendNow} noValidate>
          {now.error && <Notice kind="error">{now.error}</Notice>}
          <Field label="Throughput limit (messages per second, optional)" name="ratePerSec" id="ratePerSec-now" inputMode="numeric" placeholder="no limit" />
          <Routing idSuffix="now" backends={backends} newsletterBackend={newsletterBackend} />
          <div className="mb-4 flex items-center gap-2">
            <input type="checkbox" id="confirm" name="confirm" value="yes" />
            <label htmlFor="confirm" className="text-sm">I have checked the report: send to {recipients} {recipients === 1 ? "recipient" : "recipients"}</label>
          </div>
          <Button type="submit" disabled={sending}>Send now</Button>
        </form>
      </Card>
      <Card>
        <h2 className="mb-3 font-semibold">Schedule</h2>
        <form action={schedule} noValidate onSubmit={(e) => {
          const tz = (e.currentTarget.elements.namedItem("tz") as HTMLInputElement | null);
          if (tz) tz.value = String(new Date().getTimezoneOffset());
        }}>
          {later.error && <Notice kind="error">{later.error}</Notice>}
          <Field label="Send at (your local time)" name="at" type="datetime-local" required />
          <input type="hidden" name="tz" defaultValue="0" />
          <Field label="Throughput limit (messages per second, optional)" name="ratePerSec" id="ratePerSec-later" inputMode="numeric" placeholder="no limit" />
          <Routing idSuffix="later" backends={backends} newsletterBackend={newsletterBackend} />
          <Button type="submit" variant="secondary" disabled={scheduling}>Schedule</Button>
        </form>
      </Card>
    </div>
  );
}
