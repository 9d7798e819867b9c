"use server";
// Every issue action goes through the guard with "issues.write" (editors and admins).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
import { createIssue, declareIssue, updateIssue } from "@/lib/sending/save-issue";
import { sendTestIssue } from "@/lib/sending/preview-issue";
import { startSend } from "@/lib/sending/start-send";
import { scheduleIssue, unscheduleIssue } from "@/lib/sending/schedule-issue";
import { controlSend, type ControlAction } from "@/lib/sending/control-send";

export type FormState = { error?: string; field?: string; notice?: string };

const str = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};
const actorOf = (s: { id: string; email: string }) => ({ id: s.id, email: s.email });

export const createIssueAction = protectedAction("issues.write", async (staff, _prev: FormState, form: FormData): Promise<FormState> => {
  const r = await createIssue({ newsletterId: str(form, "newsletterId"), subject: str(form, "subject"), actor: actorOf(staff) });
  if (!r.ok) return { error: r.error, field: r.field };
  redirect(`/admin/issues/${r.issueId}`);
});

export const saveIssueAction = protectedAction("issues.write", async (staff, issueId: string, _prev: FormState, form: FormData): Promise<FormState> => {
  const r = await updateIssue({
    issueId, actor: actorOf(staff),
    input: { subject: str(form, "subject"), preheader: str(form, "preheader"), bodyMarkdown: str(form, "bodyMarkdown") },
  });
  if (!r.ok) return { error: r.error, field: r.field };
  revalidatePath(`/admin/issues/${issueId}`);
  const saved = r.unscheduled
    ? "Saved. The content changed, so the declaration was cleared and the schedule cancelled: declare the issue again below."
    : r.declarationCleared ? "Saved. The content changed, so the declaration was cleared: declare the issue again below." : "Saved.";
  // Test sends go to the staff member only, without the gate, so they are allowed before declaring.
  if (str(form, "intent") === "test") {
    const t = await sendTestIssue({ issueId, staff });
    return t.ok ? { notice: `${saved} A test was sent to ${staff.email}.` } : { error: t.error };
  }
  if (str(form, "intent") === "review") redirect(`/admin/issues/${issueId}/send`);
  return { notice: saved };
});

export const declareIssueAction = protectedAction("issues.write", async (staff, issueId: string, _prev: FormState, form: FormData): Promise<FormState> => {
  const r = await declareIssue({
    issueId, actor: actorOf(staff),
    input: { categories: form.getAll("categories"), thirdPartyPromotion: str(form, "thirdPartyPromotion"), basis: str(form, "basis"), confirm: str(form, "confirm") },
  });
  if (!r.ok) return { error: r.error, field: r.field };
  revalidatePath(`/admin/issues/${issueId}`);
  return { notice: "Declared. The issue can be sent or scheduled now." };
});

function parseRate(v: string): number | null | "bad" {
  if (!v.trim()) return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : "bad";
}

export const sendNowAction = protectedAction("issues.write", async (staff, issueId: string, _prev: FormState, form: FormData): Promise<FormState> => {
  const rate = parseRate(str(form, "ratePerSec"));
  if (rate === "bad") return { error: "The throughput limit must be a whole number of messages per second (1–100000), or empty.", field: "ratePerSec" };
  if (str(form, "confirm") !== "yes") return { error: "Tick the box to confirm that you have checked the report.", field: "confirm" };
  const r = await startSend({ issueId, actor: actorOf(staff), ratePerSec: rate });
  if (!r.ok) return { error: r.error };
  redirect(`/admin/issues/${issueId}`);
});

export const scheduleAction = protectedAction("issues.write", async (staff, issueId: string, _prev: FormState, form: FormData): Promise<FormState> => {
  const rate = parseRate(str(form, "ratePerSec"));
  if (rate === "bad") return { error: "The throughput limit must be a whole number of messages per second (1–100000), or empty.", field: "ratePerSec" };
  // datetime-local has no zone: the browser sends its offset along in "tz" (minutes, as getTimezoneOffset).
  const local = str(form, "at");
  const tz = Number(str(form, "tz") || "0");
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) && Number.isFinite(tz) ? new Date(Date.parse(`${local}:00Z`) + tz * 60_000) : new Date(NaN);
  const r = await scheduleIssue({ issueId, at, ratePerSec: rate, actor: actorOf(staff) });
  if (!r.ok) return { error: r.error, field: "at" };
  redirect(`/admin/issues/${issueId}`);
});

export const unscheduleAction = protectedAction("issues.write", async (staff, issueId: string) => {
  await unscheduleIssue({ issueId, actor: actorOf(staff) });
  revalidatePath(`/admin/issues/${issueId}`);
});

export const controlSendAction = protectedAction("issues.write", async (staff, issueId: string, sendId: string, action: ControlAction) => {
  if (!["pause", "resume", "cancel"].includes(action)) return;
  await controlSend({ sendId, action, actor: actorOf(staff) });
  revalidatePath(`/admin/issues/${issueId}`);
});
