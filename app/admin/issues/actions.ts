"use server";
import { staffTranslator } from "@/lib/i18n/staff-translator";
// Every issue action goes through the boundary with "issues.write" (editors and admins).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, fields, id, prevState, text } from "@/lib/http/boundary";
import { createIssue, declareIssue, updateIssue } from "@/lib/sending/save-issue";
import { sendTestIssue } from "@/lib/sending/preview-issue";
import { startSend } from "@/lib/sending/start-send";
import { scheduleIssue, unscheduleIssue } from "@/lib/sending/schedule-issue";
import { controlSend, type ControlAction } from "@/lib/sending/control-send";

export type FormState = { error?: string; field?: string; notice?: string };

// Generous caps: the domain modules give the real messages; these only keep hostile sizes out.
const issueFields = fields({
  subject: text(2000), preheader: text(2000), bodyMarkdown: text(500_000), intent: text(20),
  categories: z.array(z.string().max(200)).max(50), thirdPartyPromotion: text(20), basis: text(100), confirm: text(20),
  ratePerSec: text(20), at: text(40), tz: text(10), newsletterId: text(64), backend: text(64), failover: text(10),
});
const state = prevState<FormState>();
const invalid = (e: { message: string; extra: { field?: string } }): FormState => ({ error: e.message, field: e.extra.field });
const opts = <S extends z.ZodType<unknown[], unknown[]>>(input: S) => ({ access: "issues.write" as const, input, invalid });
const actorOf = (s: { id: string; email: string }) => ({ id: s.id, email: s.email });

export const createIssueAction = action(opts(z.tuple([state, issueFields])), async ({ staff }, _prev, form): Promise<FormState> => {
  const r = await createIssue({ newsletterId: form.newsletterId, subject: form.subject, actor: actorOf(staff) });
  if (!r.ok) return { error: r.error, field: r.field };
  redirect(`/admin/issues/${r.issueId}`);
});

export const saveIssueAction = action(opts(z.tuple([id(), state, issueFields])), async ({ staff }, issueId, _prev, form): Promise<FormState> => {
  const r = await updateIssue({
    issueId, actor: actorOf(staff),
    input: { subject: form.subject, preheader: form.preheader, bodyMarkdown: form.bodyMarkdown },
  });
  if (!r.ok) return { error: r.error, field: r.field };
  revalidatePath(`/admin/issues/${issueId}`);
  const tc = await staffTranslator("admin.issues.composer");
  const saved = tc(r.unscheduled ? "savedUnscheduled" : r.declarationCleared ? "savedCleared" : "saved");
  // Test sends go to the staff member only, without the gate, so they are allowed before declaring.
  if (form.intent === "test") {
    const t = await sendTestIssue({ issueId, staff });
    return t.ok ? { notice: tc("testSent", { saved, email: staff.email }) } : { error: t.error };
  }
  if (form.intent === "review") redirect(`/admin/issues/${issueId}/send`);
  return { notice: saved };
});

export const declareIssueAction = action(opts(z.tuple([id(), state, issueFields])), async ({ staff }, issueId, _prev, form): Promise<FormState> => {
  const r = await declareIssue({
    issueId, actor: actorOf(staff),
    input: { categories: form.categories, thirdPartyPromotion: form.thirdPartyPromotion, basis: form.basis, confirm: form.confirm },
  });
  if (!r.ok) return { error: r.error, field: r.field };
  revalidatePath(`/admin/issues/${issueId}`);
  return { notice: (await staffTranslator("admin.issues.declaration"))("done") };
});

/** "" = the newsletter's default, "*" = every backend, else a backend's name (startSend checks it). */
const routing = (form: { backend: string; failover: string }) => ({
  backend: form.backend === "" ? undefined : form.backend === "*" ? null : form.backend,
  failover: form.failover === "yes",
});

function parseRate(v: string): number | null | "bad" {
  if (!v.trim()) return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : "bad";
}

export const sendNowAction = action(opts(z.tuple([id(), state, issueFields])), async ({ staff }, issueId, _prev, form): Promise<FormState> => {
  const rate = parseRate(form.ratePerSec);
  if (rate === "bad") return { error: "The throughput limit must be a whole number of messages per second (1–100000), or empty.", field: "ratePerSec" };
  if (form.confirm !== "yes") return { error: "Tick the box to confirm that you have checked the report.", field: "confirm" };
  const r = await startSend({ issueId, actor: actorOf(staff), ratePerSec: rate, ...routing(form) });
  if (!r.ok) return { error: r.error };
  redirect(`/admin/issues/${issueId}`);
});

export const scheduleAction = action(opts(z.tuple([id(), state, issueFields])), async ({ staff }, issueId, _prev, form): Promise<FormState> => {
  const rate = parseRate(form.ratePerSec);
  if (rate === "bad") return { error: "The throughput limit must be a whole number of messages per second (1–100000), or empty.", field: "ratePerSec" };
  // datetime-local has no zone: the browser sends its offset along in "tz" (minutes, as getTimezoneOffset).
  const local = form.at;
  const tz = Number(form.tz || "0");
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) && Number.isFinite(tz) ? new Date(Date.parse(`${local}:00Z`) + tz * 60_000) : new Date(NaN);
  const r = await scheduleIssue({ issueId, at, ratePerSec: rate, actor: actorOf(staff), ...routing(form) });
  if (!r.ok) return { error: r.error, field: "at" };
  redirect(`/admin/issues/${issueId}`);
});

export const unscheduleAction = action({ access: "issues.write", input: z.tuple([id()]).rest(z.unknown()) }, async ({ staff }, issueId) => {
  await unscheduleIssue({ issueId, actor: actorOf(staff) });
  revalidatePath(`/admin/issues/${issueId}`);
});

const control = z.enum(["pause", "resume", "cancel"] as const satisfies readonly ControlAction[]);
export const controlSendAction = action({ access: "issues.write", input: z.tuple([id(), id(), control]).rest(z.unknown()) }, async ({ staff }, issueId, sendId, what) => {
  await controlSend({ sendId, action: what, actor: actorOf(staff) });
  revalidatePath(`/admin/issues/${issueId}`);
});
