import { defineConfig } from "@playwright/test";
import { e2eEnv } from "./e2e/support/env";

// The real app (next start on a built app) against a fresh database and a real SMTP server that the
// global setup starts; Debian's Chromium. One worker: the tests share one server and database.
const env = e2eEnv();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/support/global-setup.ts",
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
    url: `${env.APP_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: env as unknown as Record<string, string>,
  },
});
