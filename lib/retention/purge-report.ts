// Plain-language labels and a text report for purge counts (CLI output, admin page).
import type { PurgeCounts, PurgeAction } from "./run-purge.ts";

export const ACTION_LABELS: Record<PurgeAction, { done: string; dry: string }> = {
  "delete-pending": { done: "deleted unconfirmed signups", dry: "would delete unconfirmed signups" },
  erase: { done: "erased (suppression entry kept)", dry: "would erase (suppression entry kept)" },
  "erase-proof": { done: "deleted kept consent proof", dry: "would delete kept consent proof" },
  keep: { done: "kept", dry: "would keep" },
};

export const RETENTION_REASON_LABELS: Record<string, string> = {
  RET_ACTIVE_SUBSCRIPTION: "still subscribed",
  RET_OTHER_BASIS: "another basis remains (recent customer)",
  RET_IN_GRACE: "withdrew recently (within the grace period)",
  RET_PENDING_EXPIRED: "signup not confirmed in time",
  RET_PURPOSE_ENDED: "withdrew or no subscription left, grace period over",
  RET_PROOF_PERIOD: "erased, consent proof kept for the stated period",
  RET_PROOF_EXPIRED: "proof period over",
  RET_ALREADY_ERASED: "already erased",
};

export const reasonText = (code: string) => RETENTION_REASON_LABELS[code] ?? code;

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
