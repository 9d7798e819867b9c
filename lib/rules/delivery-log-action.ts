// Delivery logs (who got which issue when) are personal data; after the policy's term only the
// anonymous figures stay (AVG art. 5(1)(e), R-RET-NO-FIXED-TERM).
import { cutoff, requireMillis } from "./dates";
import { resolveRetentionPolicy, type RetentionPolicyInput } from "./retention-policy";

export function deliveryLogAction(
  deliveredAt: Date | string,
  policy: RetentionPolicyInput,
  now: Date | string,
): "keep" | "strip-personal-data" {
  const { deliveryLogDays } = resolveRetentionPolicy(policy);
  const at = requireMillis(deliveredAt, "deliveredAt");
  return at < cutoff(now, deliveryLogDays).getTime() ? "strip-personal-data" : "keep";
}
