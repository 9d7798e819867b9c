// SQLite in WAL mode checkpoints (copies the log back into the database file and fsyncs it) at the first
// commit after the log passes wal_autocheckpoint pages, 1,000 by default. A purge batch dirties thousands
// of scattered index pages (email, createdAt, ledger hash, suppression key), so with the default every
// batch's commit paid a checkpoint and an fsync, and pages touched by consecutive batches were written
// back again each time: COMMIT was ~27 % of the purge at 1M subscribers. During a bulk run the connection (the
// adapter keeps one per process) checkpoints only every BULK_PAGES pages; afterwards the old threshold
// is restored and one passive checkpoint runs, so the log does not stay long. PostgreSQL: nothing to do.
import { db, dbProvider } from "../db/index.ts";

const BULK_PAGES = 50_000; // ~200 MB of log between checkpoints

export async function withBulkCheckpointing<T>(run: () => Promise<T>): Promise<T> {
  if (dbProvider() !== "sqlite") return run();
  const [row] = await db.$queryRawUnsafe<{ wal_autocheckpoint: number | bigint }[]>("PRAGMA wal_autocheckpoint");
  const before = Number(row?.wal_autocheckpoint ?? 1000);
  await db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${BULK_PAGES}`);
  try {
    return await run();
  } finally {
    await db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${before}`);
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
  }
}
