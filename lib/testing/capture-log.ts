// Installs a capturing process logger (before any getLogger child is first used) so a test can read the
// JSON lines the code under test writes.
import { createLogger } from "../log/logger.ts";

export function captureLog(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const g = globalThis as unknown as Record<symbol, unknown>;
  g[Symbol.for("proofmail.logger")] = createLogger({ level: "info", destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  return lines;
}
