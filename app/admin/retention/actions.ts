"use server";
// Retention admin: set terms (global default or per newsletter), reset a newsletter to the default,
// set how long a buyer's record is kept for the contract, start a purge dry run (queued for the worker, which records its progress on the PurgeRun row).
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { protectedAction } from "@/lib/auth/guard";
import { audit } from "@/lib/audit/log";
import { updateRetentionPolicy, removeRetentionPolicy } from "@/lib/retention/update-retention-policy";
import { queuePurgeRun } from "@/lib/retention/run-purge";
import { updateCustomerRecordTerm } from "@/lib/retention/update-customer-record-term";
import { enqueueJob } from "@/lib/worker/jobs";

const target = z.string().max(40).regex(/^[a-z0-9]+$|^global$/i);

export const savePolicy = protectedAction("retention.manage", async (staff, formData: FormData) => {
  const t = target.safeParse(formData.get("newsletterId"));
  if (!t.success) redirect("/admin/retention?error=" + encodeURIComponent("Unknown newsletter."));
  const newsletterId = t.data === "global" ? null : t.data;
  const r = await updateRetentionPolicy({
    newsletterId,
    values: {
      pendingDays: formData.get("pendingDays"),
      withdrawnGraceDays: formData.get("withdrawnGraceDays"),
      keepProofMonths: formData.get("keepProofMonths"),
      deliveryLogDays: formData.get("deliveryLogDays"),
    },
    actor: { id: staff.id, email: staff.email },
  });
  const q = new URLSearchParams(r.ok ? { saved: t.data } : { error: r.error, for: t.data });
  redirect(`/admin/retention?${q}`);
});

export const resetPolicy = protectedAction("retention.manage", async (staff, formData: FormData) => {
  const t = target.safeParse(formData.get("newsletterId"));
  if (!t.success || t.data === "global") redirect("/admin/retention?error=" + encodeURIComponent("Unknown newsletter."));
  await removeRetentionPolicy({ newsletterId: t.data, actor: { id: staff.id, email: staff.email } });
  redirect(`/admin/retention?saved=${encodeURIComponent(t.data)}`);
});

export const startDryRun = protectedAction("retention.manage", async (staff) => {
  const runId = await queuePurgeRun({ trigger: "admin", dryRun: true });
  await enqueueJob("purge", { runId, dryRun: true, trigger: "admin" });
  await audit(db, { id: staff.id, email: staff.email }, "retention.dry_run", runId);
  redirect(`/admin/retention?run=${runId}#runs`);
});

export const saveCustomerRecordTerm = protectedAction("retention.manage", async (staff, formData: FormData) => {
  const typed = String(formData.get("customerRecordMonths") ?? "").slice(0, 20);
  const r = await updateCustomerRecordTerm({ months: typed, actor: { id: staff.id, email: staff.email } });
  const q = new URLSearchParams(r.ok ? { saved: "customer-record" } : { error: r.error, for: "customer-record", typed });
  redirect(`/admin/retention?${q}#customer-record`);
});
