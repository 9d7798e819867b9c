"use server";
// Retention admin: set terms (global default or per newsletter), reset a newsletter to the default,
// set how long a buyer's record is kept for the contract, start a purge dry run (queued for the worker, which records its progress on the PurgeRun row).
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { action, fields, text } from "@/lib/http/boundary";
import { audit } from "@/lib/audit/log";
import { updateRetentionPolicy, removeRetentionPolicy } from "@/lib/retention/update-retention-policy";
import { queuePurgeRun } from "@/lib/retention/run-purge";
import { updateCustomerRecordTerm } from "@/lib/retention/update-customer-record-term";
import { enqueueJob } from "@/lib/worker/jobs";
import { PURGE_JOB } from "@/lib/retention/purge-job";

const target = z.string({ message: "Unknown newsletter." }).max(40, { message: "Unknown newsletter." }).regex(/^[a-z0-9]+$|^global$/i, { message: "Unknown newsletter." });
// A refused input goes back to the page with its message, as the page's own errors do.
const invalid = (e: { message: string; extra: { field?: string } }): never =>
  redirect("/admin/retention?error=" + encodeURIComponent(e.extra.field?.endsWith("newsletterId") ? "Unknown newsletter." : e.message));

const policyFields = fields({ newsletterId: target, pendingDays: text(20), withdrawnGraceDays: text(20), keepProofMonths: text(20), deliveryLogDays: text(20) });

export const savePolicy = action({ access: "retention.manage", input: z.tuple([policyFields]), invalid }, async ({ staff }, form) => {
  const newsletterId = form.newsletterId === "global" ? null : form.newsletterId;
  const r = await updateRetentionPolicy({
    newsletterId,
    values: { pendingDays: form.pendingDays, withdrawnGraceDays: form.withdrawnGraceDays, keepProofMonths: form.keepProofMonths, deliveryLogDays: form.deliveryLogDays },
    actor: { id: staff.id, email: staff.email },
  });
  const q = new URLSearchParams(r.ok ? { saved: form.newsletterId } : { error: r.error, for: form.newsletterId });
  redirect(`/admin/retention?${q}`);
});

export const resetPolicy = action({ access: "retention.manage", input: z.tuple([fields({ newsletterId: target })]), invalid }, async ({ staff }, form) => {
  if (form.newsletterId === "global") redirect("/admin/retention?error=" + encodeURIComponent("Unknown newsletter."));
  await removeRetentionPolicy({ newsletterId: form.newsletterId, actor: { id: staff.id, email: staff.email } });
  redirect(`/admin/retention?saved=${encodeURIComponent(form.newsletterId)}`);
});

// Bound to a form without fields: whatever a caller sends is ignored.
export const startDryRun = action({ access: "retention.manage", input: z.array(z.unknown()).max(2) }, async ({ staff }) => {
  const runId = await queuePurgeRun({ trigger: "admin", dryRun: true });
  await enqueueJob(PURGE_JOB, { runId, dryRun: true, trigger: "admin" });
  await audit(db, { id: staff.id, email: staff.email }, "retention.dry_run", runId);
  redirect(`/admin/retention?run=${runId}#runs`);
});

export const saveCustomerRecordTerm = action({ access: "retention.manage", input: z.tuple([fields({ customerRecordMonths: z.string().default("") })]), invalid }, async ({ staff }, form) => {
  const typed = form.customerRecordMonths.slice(0, 20);
  const r = await updateCustomerRecordTerm({ months: typed, actor: { id: staff.id, email: staff.email } });
  const q = new URLSearchParams(r.ok ? { saved: "customer-record" } : { error: r.error, for: "customer-record", typed });
  redirect(`/admin/retention?${q}#customer-record`);
});
