// Sets how long a buyer's record is kept for the contract (Organisation.customerRecordMonths, R-TWO-LAYERS):
// the processing basis the purge asks lib/rules processingBasis about, apart from the marketing customer
// window. A whole number of months, validated by lib/rules' schema; never "forever". Audited.
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { customerRecordMonthsSchema, formatIssue } from "../rules/index.ts";

export type UpdateCustomerRecordTermResult = { ok: true; months: number } | { ok: false; error: string };

export async function updateCustomerRecordTerm(opts: { months: unknown; actor: AuditActor }): Promise<UpdateCustomerRecordTermResult> {
  const raw = typeof opts.months === "string" && opts.months.trim() !== "" ? Number(opts.months) : opts.months;
  const parsed = customerRecordMonthsSchema.safeParse(raw, { reportInput: true });
  // The field named as elsewhere (policy.pendingDays: …), then what is expected in plain words.
  if (!parsed.success) return { ok: false, error: `${formatIssue(parsed.error, "customerRecordMonths")}. Enter a whole number of months from 1 to 1200; there is no "forever".` };
  const months = parsed.data;
  await db.$transaction(async (tx) => {
    await tx.organisation.upsert({ where: { id: 1 }, create: { id: 1, customerRecordMonths: months }, update: { customerRecordMonths: months } });
    await audit(tx, opts.actor, "retention.customer_record", "organisation", { customerRecordMonths: months });
  });
  return { ok: true, months };
}
