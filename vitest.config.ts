import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import path from "node:path";

// Files that mostly wait in real time (a mail server down for a minute, crashed workers, expiring leases)
// start first, so the others fill the waits instead of a run ending on a minute of waiting.
const WAITING = ["outage", "db-outage", "crash", "backends", "disk-full-send", "cli", "backup"].map((n) => `/${n}.test.ts`);
const waits = (f: TestSpecification) => WAITING.some((w) => f.moduleId.endsWith(w));
class WaitingFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    return [...sorted.filter(waits), ...sorted.filter((f) => !waits(f))];
  }
}

// Unit and integration tests sit beside their code. Each test file gets its own fresh, migrated database
// (lib/testing/setup-db.ts): a SQLite file, or a PostgreSQL schema when DATABASE_URL is postgres://.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "lib/util/server-only-outside-next.ts") } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/setup-db.ts"],
    pool: "forks",
    // one more than the cores: the waiting files above leave a core idle while they wait
    maxWorkers: 3,
    sequence: { sequencer: WaitingFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
