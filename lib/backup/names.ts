// File names of backups and of the database kept aside by a restore. Times are UTC.
import fs from "node:fs";
import path from "node:path";

/** YYYYMMDD-HHMMSS in UTC. */
export function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/** <dataDir>/backups/proofmail-YYYYMMDD-HHMMSS.db */
export function defaultBackupPath(dataDir: string, at: Date): string {
  return path.join(dataDir, "backups", `proofmail-${stamp(at)}.db`);
}

/** `base`, or `base-2`, `base-3`… when it exists already. */
export function unusedPath(base: string): string {
  if (!fs.existsSync(base)) return base;
  for (let i = 2; ; i++) if (!fs.existsSync(`${base}-${i}`)) return `${base}-${i}`;
}

/** 1536 → "1.5 KB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
