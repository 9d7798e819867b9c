import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit and integration tests sit beside their code. Each test file gets its own fresh, migrated database
// (lib/testing/setup-db.ts): a SQLite file, or a PostgreSQL schema when DATABASE_URL is postgres://.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "lib/util/server-only-outside-next.ts") } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/setup-db.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
