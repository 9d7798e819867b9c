// Turns the first zod issue into one line naming the field path, for the CLI and API error responses:
// `facts.consent.status: expected "pending" | "confirmed", received "done"`.
import type { z } from "zod";

function pathOf(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : `${out}.${String(key)}`),
    root,
  );
}

function describe(issue: z.core.$ZodIssue): string {
  const present = "input" in issue && issue.input !== undefined;
  const received = present ? `, received ${JSON.stringify(issue.input)}` : ", but it is missing";
  switch (issue.code) {
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}${received}`;
    case "invalid_type": {
      const got = present
        ? `, received ${Array.isArray(issue.input) ? "array" : issue.input === null ? "null" : typeof issue.input}`
        : ", but it is missing";
      return `expected ${issue.expected}${got}`;
    }
    default:
      return issue.message;
  }
}

/** One line for the first issue (plus how many more there are). Parse with `{ reportInput: true }`. */
export function formatIssue(error: z.ZodError, root: string): string {
  const [first, ...rest] = error.issues;
  if (!first) return `${root}: invalid`;
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
  return `${pathOf(root, first.path)}: ${describe(first)}${more}`;
}
