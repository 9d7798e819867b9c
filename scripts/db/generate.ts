// npm run db:generate
// Writes prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma from the one shared
// prisma/models.prisma (a Prisma schema has exactly one provider), then runs `prisma generate` for both
// in parallel. PRISMA_SCHEMA_ENGINE_BINARY=/bin/false: generate never uses the schema engine but insists
// that one exists, and the native download is not available (see /work/shared/notes/prisma-offline.md).
// Quiet on success; on failure prints prisma's output and exits 1.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const PROVIDERS = {
  sqlite: "sqlite",
  postgres: "postgresql",
} as const;
export type Provider = keyof typeof PROVIDERS;

const root = process.cwd();

export function schemaPath(p: Provider): string {
  return path.join(root, "prisma", p, "schema.prisma");
}

/** The full schema text for one provider: header + the shared models. */
export function renderSchema(p: Provider, models = readFileSync(path.join(root, "prisma", "models.prisma"), "utf8")): string {
  const header = `// GENERATED from prisma/models.prisma by scripts/db/generate.ts: do not edit.
generator client {
  provider = "prisma-client"
  output   = "../../lib/db/generated/${p}"
}

datasource db {
  provider = "${PROVIDERS[p]}"
}

`;
  return header + models.replace(/\s*$/, "\n");
}

/** Writes both schema files (only when changed, so timestamps stay put). Returns the changed paths. */
export function writeSchemas(): string[] {
  const models = readFileSync(path.join(root, "prisma", "models.prisma"), "utf8");
  const changed: string[] = [];
  for (const p of Object.keys(PROVIDERS) as Provider[]) {
    const file = schemaPath(p);
    const text = renderSchema(p, models);
    let old: string | undefined;
    try {
      old = readFileSync(file, "utf8");
    } catch {
      // not written yet
    }
    if (old !== text) {
      writeFileSync(file, text);
      changed.push(file);
    }
  }
  return changed;
}

function prismaGenerate(p: Provider): Promise<{ code: number; output: string }> {
  const bin = path.join(root, "node_modules", ".bin", "prisma");
  return new Promise((resolve) => {
    const child = spawn(bin, ["generate", "--schema", path.join("prisma", p, "schema.prisma")], {
      cwd: root,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => resolve({ code: 1, output: String(e) }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

export async function generate(): Promise<void> {
  writeSchemas();
  const providers = Object.keys(PROVIDERS) as Provider[];
  const results = await Promise.all(providers.map(prismaGenerate));
  const failed = results.map((r, i) => ({ ...r, p: providers[i] })).filter((r) => r.code !== 0);
  if (failed.length) {
    for (const f of failed) process.stderr.write(`prisma generate (${f.p}) failed:\n${f.output}\n`);
    throw new Error("prisma generate failed");
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("scripts/db/generate.ts")) {
  generate().catch(() => process.exit(1));
}
