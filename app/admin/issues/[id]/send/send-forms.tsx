"use client";
import { useActionState } from "react";
import { bindAction } from "@/lib/util/bind-action";
import { Button, Card, Field, Notice } from "@/components/ui";
import { scheduleAction, sendNowAction, type FormState } from "../../actions";

export function SendForms({ issueId, recipients }: { issueId: string; recipients: number }) {
  const [now, sendNow, sending] = useActionState<FormState, FormData>(bindAction(sendNowAction, issueId), {});
  const [later, schedule, scheduling] = useActionState<FormState, FormData>(bindAction(scheduleAction, issueId), {});
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
      <Card>
        <h2 className="mb-3 font-semibold">Send now</h2>
        <form action={sendNow} noValidate>
          {now.error && <Notice kind="error">{now.error}</Notice>}
          <Field label="Throughput limit (messages per second, optional)" name="ratePerSec" id="ratePerSec-now" inputMode="numeric" placeholder="no limit" />
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
          <Button type="submit" variant="secondary" disabled={scheduling}>Schedule</Button>
        </form>
      </Card>
    </div>
  );
}
