// Plain-language labels and a text report for purge counts (CLI output, admin page).
import type { PurgeCounts, PurgeAction, PolicyVersionCount } from "./run-purge.ts";
import type { RetentionPolicy } from "../rules/index.ts";

export const ACTION_LABELS: Record<PurgeAction, { done: string; dry: string }> = {
  "delete-pending": { done: "deleted unconfirmed signups", dry: "would delete unconfirmed signups" },
  erase: { done: "erased (suppression entry kept)", dry: "would erase (suppression entry kept)" },
  "erase-proof": { done: "deleted kept consent proof", dry: "would delete kept consent proof" },
  keep: { done: "kept", dry: "would keep" },
};

export const RETENTION_REASON_LABELS: Record<string, string> = {
  RET_ACTIVE_SUBSCRIPTION: "still subscribed",
  RET_OTHER_BASIS: "kept for the customer contract (record term not over)",
  RET_IN_GRACE: "withdrew recently (within the grace period)",
  RET_PENDING_EXPIRED: "signup not confirmed in time",
  RET_PURPOSE_ENDED: "withdrew or no subscription left, grace period over",
  RET_PROOF_PERIOD: "erased, consent proof kept for the stated period",
  RET_PROOF_EXPIRED: "proof period over",
  RET_ALREADY_ERASED: "already erased",
};

export const reasonText = (code: string) => RETENTION_REASON_LABELS[code] ?? code;

/** "unconfirmed 7 d · erased 30 d after unsubscribe · proof 12 mo · delivery logs 90 d" */
export function termsText(t: RetentionPolicy): string {
  return `unconfirmed ${t.pendingDays} d · erased ${t.withdrawnGraceDays} d after unsubscribe · proof ${t.keepProofMonths} mo · delivery logs ${t.deliveryLogDays} d`;
}

/** Policy versions in a stable order: by newsletter name, newest version first, "default" last. */
export function sortedPolicyVersions(c: Pick<PurgeCounts, "policyVersions">): PolicyVersionCount[] {
  return Object.values(c.policyVersions ?? {}).sort((a, b) =>
    (a.newsletterId === null ? 1 : 0) - (b.newsletterId === null ? 1 : 0) || a.newsletterName.localeCompare(b.newsletterName) || b.version - a.version);
}

export function formatPurgeReport(r: { dryRun: boolean; counts: PurgeCounts; now: Date; ms?: number }): string {
  const c = r.counts;
  const n = (x: number) => x.toLocaleString("en-GB");
  const lines = [
    `${r.dryRun ? "Purge DRY RUN (nothing changed)" : "Purge"} as of ${r.now.toISOString()}: ${n(c.checked)} subscribers checked${r.ms !== undefined ? ` in ${(r.ms / 1000).toFixed(1)} s` : ""}`,
  ];
  for (const action of ["delete-pending", "erase", "erase-proof", "keep"] as const) {
    if (!c.actions[action]) continue;
    lines.push(`  ${ACTION_LABELS[action][r.dryRun ? "dry" : "done"]}: ${n(c.actions[action])}`);
  }
  const reasons = Object.entries(c.reasons).sort((a, b) => b[1] - a[1]);
  if (reasons.length) {
    lines.push("  by reason:");
    for (const [code, count] of reasons) lines.push(`    ${n(count).padStart(9)}  ${reasonText(code)} (${code})`);
  }
  const versions = sortedPolicyVersions(c);
  if (versions.length) {
    lines.push(r.dryRun ? "  by policy version (people covered; decided in this run):" : "  by policy version (decided in this run):");
    for (const v of versions) {
      const acted = (["delete-pending", "erase", "erase-proof", "keep"] as const).filter((a) => v.actions[a]).map((a) => `${a} ${n(v.actions[a]!)}`).join(", ");
      const people = v.people !== undefined ? `${n(v.people)} people` : "";
      lines.push(`    ${v.newsletterName} v${v.version}${v.current ? " (current)" : ""}: ${[people, acted].filter(Boolean).join("; ") || "—"} [${termsText(v.terms)}]`);
    }
  }
  if (!r.dryRun) {
    lines.push(`  subscribers erased: ${n(c.subscribersErased)}; erased with consent proof kept: ${n(c.proofKept)}; expired pending subscriptions removed: ${n(c.pendingSubscriptionsDeleted)}`);
  }
  lines.push(`  delivery log rows ${r.dryRun ? "that would lose" : "that lost"} personal data: ${n(c.deliveriesStripped)}`);
  if (c.errors) {
    lines.push(`  ERRORS: ${n(c.errors)} subscribers could not be decided (left unchanged):`);
    for (const e of c.errorSamples) lines.push(`    ${e.subscriberId}: ${e.error}`);
  }
  return lines.join("\n");
}
