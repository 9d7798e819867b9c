// The law lives in lib/rules only (design.md, flow 5). This test reads the source tree:
// - lib/rules imports nothing but zod and its own files (no Prisma, Next, node:* or clock);
// - no file outside lib/rules names a catalogue reason code (they come from lib/rules as data);
// - no domain module or route outside lib/rules decides by comparing a basis or a suppression reason.
// UI components (.tsx) may compare a basis to choose what to show; they decide nothing. The CSV import reads
// a declaration that is a union by basis (which fields the admin filled in) and carries out decideImport's
// answer per row: it is listed below, and its acceptance decisions are decideImport's.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const SKIP_DIRS = new Set(["node_modules", "generated", "testing", ".next"]);

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) files(rel, out); }
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

const REASON_LITERAL = /["'`](?:ALLOW|DENY|ACCEPT|IMPORT|RET|FORM)_[A-Z0-9_]+["'`]/;
const BASIS_OR_REASON_COMPARISON =
  /(?:[!=]==\s*["'](?:existing[-_]customer|consent|withdrawal|objection|bounce|complaint|erasure)["'])|(?:["'](?:existing[-_]customer|consent|withdrawal|objection|bounce|complaint|erasure)["']\s*[!=]==)|\bbasis\s*[!=]==/;
const DECLARATION_READERS = new Set([path.join("lib", "imports", "run-import.ts"), path.join("app", "api", "admin", "imports", "route.ts")]);
const ALLOWED_RULES_IMPORT = /^(?:zod|\.\/[\w.-]+)$/;

/** Lines of a file that break the boundary, as "file:line: text". */
export function boundaryViolations(file: string, text: string): string[] {
  const out: string[] = [];
  const inRules = file.startsWith(`lib${path.sep}rules${path.sep}`);
  const decides = !file.endsWith(".tsx") && !DECLARATION_READERS.has(file) && (file.startsWith(`lib${path.sep}`) || file.startsWith(`app${path.sep}`) || file.startsWith(`scripts${path.sep}`));
  text.split("\n").forEach((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return; // comments may name codes
    const where = `${file}:${i + 1}: ${line.trim()}`;
    if (inRules) {
      const m = /^\s*import\b.*from\s+["']([^"']+)["']/.exec(line) ?? /^\s*export\b.*from\s+["']([^"']+)["']/.exec(line);
      if (m && !ALLOWED_RULES_IMPORT.test(m[1]) && !/^\.\/[\w.-]+$/.test(m[1])) out.push(where);
      return;
    }
    if (REASON_LITERAL.test(line)) out.push(where);
    else if (decides && BASIS_OR_REASON_COMPARISON.test(line)) out.push(where);
  });
  return out;
}

describe("the law lives in lib/rules only", () => {
  it("the detector catches what it is meant to catch", () => {
    expect(boundaryViolations("lib/x/a.ts", `if (d.reason === "DENY_SUPPRESSED") skip();`)).toHaveLength(1);
    expect(boundaryViolations("lib/x/a.ts", `const c = sub.basis === "existing_customer";`)).toHaveLength(1);
    expect(boundaryViolations("lib/x/a.ts", `const w = s.reason === "withdrawal" ? 1 : 2;`)).toHaveLength(1);
    expect(boundaryViolations("lib/x/a.ts", `if (basis !== want) return;`)).toHaveLength(1);
    expect(boundaryViolations("lib/rules/x.ts", `import { db } from "../db/index.ts";`)).toHaveLength(1);
    expect(boundaryViolations("lib/rules/x.ts", `import fs from "node:fs";`)).toHaveLength(1);
    expect(boundaryViolations("lib/rules/x.ts", `import { z } from "zod";\nimport { a } from "./dates";`)).toHaveLength(0);
    expect(boundaryViolations("app/admin/x.tsx", `{s.basis === "existing_customer" ? "customer" : ""}`)).toHaveLength(0);
    expect(boundaryViolations("lib/x/a.ts", `// DENY_SUPPRESSED is decided in lib/rules`)).toHaveLength(0);
  });

  it("no module outside lib/rules decides the law, and lib/rules is pure", () => {
    const found = ["app", "lib", "components", "scripts"].flatMap((d) => files(d))
      .flatMap((f) => boundaryViolations(f, fs.readFileSync(path.join(root, f), "utf8")));
    expect(found).toEqual([]);
  });
});
