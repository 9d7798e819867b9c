// Sets the retention terms for one newsletter or the global default (newsletterId null), or removes a
// newsletter's own terms so the default applies again. Validated by the rules module's schema, the same
// one the purge and the forms' retention statement use; every change is audited. Every change of the terms
// moves `version` on (one sequence for all policy rows, so a version number names one set of terms);
// form versions record the version they promised (FormVersion.retentionPolicies), and the next render of a
// form with the new terms becomes a new form version (lib/consent/publish-form-version).
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { formatIssue, retentionPolicySchema, type RetentionPolicy } from "../rules/index.ts";

export type UpdateRetentionPolicyResult = { ok: true; policy: RetentionPolicy } | { ok: false; error: string };

export async function updateRetentionPolicy(opts: {
  newsletterId: string | null;
  /** Whole numbers; strings from a form are accepted. */
  values: Record<keyof RetentionPolicy, unknown>;
  actor: AuditActor;
}): Promise<UpdateRetentionPolicyResult> {
  const num = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v);
  const parsed = retentionPolicySchema.safeParse({
    pendingDays: num(opts.values.pendingDays),
    withdrawnGraceDays: num(opts.values.withdrawnGraceDays),
    keepProofMonths: num(opts.values.keepProofMonths),
    deliveryLogDays: num(opts.values.deliveryLogDays),
  });
  if (!parsed.success) return { ok: false, error: formatIssue(parsed.error, "policy") };
  const policy = parsed.data;
  // Terms beyond a century are typing mistakes (and would overflow the date arithmetic).
  const tooLong = (["pendingDays", "withdrawnGraceDays", "deliveryLogDays"] as const).find((k) => policy[k] > 36_500);
  if (tooLong) return { ok: false, error: `policy.${tooLong}: at most 36500 days` };
  if (policy.keepProofMonths > 1200) return { ok: false, error: "policy.keepProofMonths: at most 1200 months" };
  return db.$transaction(async (tx) => {
    if (opts.newsletterId !== null) {
      const n = await tx.newsletter.findUnique({ where: { id: opts.newsletterId }, select: { id: true } });
      if (!n) return { ok: false as const, error: "That newsletter does not exist." };
    }
    const existing = await tx.retentionPolicy.findFirst({ where: { newsletterId: opts.newsletterId } });
    const same = existing && (Object.keys(policy) as (keyof RetentionPolicy)[]).every((k) => existing[k] === policy[k]);
    const { _max } = await tx.retentionPolicy.aggregate({ _max: { version: true } });
    const version = same ? existing.version : (_max.version ?? 0) + 1;
    if (existing) { if (!same) await tx.retentionPolicy.update({ where: { id: existing.id }, data: { ...policy, version } }); }
    else await tx.retentionPolicy.create({ data: { ...policy, version, newsletterId: opts.newsletterId } });
    await audit(tx, opts.actor, "retention.update", opts.newsletterId ?? "global", { ...policy, version });
    return { ok: true as const, policy };
  });
}

/** A newsletter goes back to the global default terms. */
export async function removeRetentionPolicy(opts: { newsletterId: string; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.retentionPolicy.deleteMany({ where: { newsletterId: opts.newsletterId } });
    if (count) await audit(tx, opts.actor, "retention.reset", opts.newsletterId, {});
  });
}
