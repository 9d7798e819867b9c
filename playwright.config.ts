import { defineConfig } from "@playwright/test";
import { e2eEnv } from "./e2e/support/env";

// The real app (next start on a built app) against a fresh database and a real SMTP server that the
// global setup starts; Debian's Chromium. One worker: the tests share one server and database.
// npm test runs the suite as side-by-side parts, each with its own server, database and mail server
// (scripts/test.ts): E2E_PART=a11y is the accessibility spec alone, E2E_PART=rest every other spec (split
// further with --shard).
const env = e2eEnv();
const part = process.env.E2E_PART;
const features = part === "a11y" ? { testMatch: /a11y\.spec\.ts/ } : { testIgnore: part === "rest" ? /(foundation|a11y)\.spec\.ts/ : /foundation\.spec\.ts/ };

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/support/global-setup.ts",
  // "setup" creates the first admin through the setup link and saves the signed-in session
  // (e2e/support/staff.ts: ADMIN_STATE); every other test file depends on it.
  projects: [
    { name: "setup", testMatch: /foundation\.spec\.ts/ },
    { name: "features", ...features, dependencies: ["setup"] },
  ],
  use: {
    baseURL: env.APP_URL,
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs e2e/support/serve.ts",
    // the home page, not /api/health: the SMTP server starts in globalSetup, after the web server
    url: `${env.APP_URL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: env as unknown as Record<string, string>,
  },
});
