// Who may read /metrics: whoever presents METRICS_TOKEN as a Bearer token. Without METRICS_TOKEN the
// endpoint does not exist (404), so an install that never set it up shows nothing to strangers.
import { createHash, timingSafeEqual } from "node:crypto";
import { config } from "../config/index.ts";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function checkMetricsToken(authorization: string | null): "ok" | "not-configured" | "unauthorized" {
  const token = config().metricsToken;
  if (!token) return "not-configured";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  // Digests of equal length, so the comparison's time says nothing about the token.
  return m && timingSafeEqual(digest(m[1]), digest(token)) ? "ok" : "unauthorized";
}
