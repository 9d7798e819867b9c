// Spawns the real CLI through tsx, as `npm run rules -- decide` will.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { DEFAULT_FACTS, deepMerge } from "./facts";
import { retentionStatement } from "./retention-statement";
import { legalBasisStatement, proofStatement } from "./proof-statement";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function run(args: string[], stdin: string) {
  const r = spawnSync(tsx, [path.join(here, "cli.ts"), ...args], { input: stdin, cwd: root, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const withoutStatus = () => {
  const f = structuredClone(DEFAULT_FACTS);
  delete (f.consent as Partial<NonNullable<typeof f.consent>>).status;
  return f;
};

describe("rules CLI", () => {
  it.each<[string, string[], string, number, RegExp, RegExp]>([
    ["decide: allowed", ["decide"], JSON.stringify(DEFAULT_FACTS), 0,
      /^\{"allowed":true,"reason":"ALLOW_CONSENT","obligations":\["O-UNSUB-LINK","O-LIST-UNSUBSCRIBE","O-SENDER-IDENTITY","O-WHY-YOU-GET-THIS"\]\}\n$/, /^$/],
    ["decide: denied is still an answer", ["decide"], JSON.stringify(deepMerge(DEFAULT_FACTS, { basis: "none" })), 0,
      /^\{"allowed":false,"reason":"DENY_NO_BASIS","obligations":\[\]\}\n$/, /^$/],
    ["decide: the optional consent.proof is read (broker row carrying our form version)", ["decide"],
      JSON.stringify(deepMerge(DEFAULT_FACTS, { consent: { source: "list-broker", sourceProofNamesOrg: true, proof: "form-version" } })), 0,
      /^\{"allowed":false,"reason":"DENY_CONSENT_PROOF_INCOMPLETE","obligations":\[\]\}\n$/, /^$/],
    ["decide: an invalid consent.proof names the field", ["decide"], JSON.stringify(deepMerge(DEFAULT_FACTS, { consent: { proof: "our-word" } })), 2, /^$/,
      /^error: facts\.consent\.proof: expected "form-version" \| "third-party-evidence"/],
    ["decide: the purpose revision facts are accepted", ["decide"],
      JSON.stringify(deepMerge(DEFAULT_FACTS, { message: { purposeRevision: 2 }, consent: { purposeRevision: 1 } })), 0,
      /^\{"allowed":false,"reason":"DENY_CONSENT_PURPOSE_CHANGED","obligations":\[\]\}\n$/, /^$/],
    ["decide: a re-permission request", ["decide"],
      JSON.stringify(deepMerge(DEFAULT_FACTS, { message: { kind: "repermission-request", marketingContent: false, purposeRevision: 2 }, consent: { purposeRevision: 1 } })), 0,
      /^\{"allowed":true,"reason":"ALLOW_REPERMISSION_REQUEST","obligations":\["O-UNSUB-LINK","O-LIST-UNSUBSCRIBE","O-SENDER-IDENTITY","O-WHY-YOU-GET-THIS"\]\}\n$/, /^$/],
    ["decide: null purpose revisions (not versioned)", ["decide"],
      JSON.stringify(deepMerge(DEFAULT_FACTS, { message: { purposeRevision: null }, consent: { purposeRevision: null } })), 0,
      /^\{"allowed":true,"reason":"ALLOW_CONSENT"/, /^$/],
    ["decide: an invalid purpose revision names the field", ["decide"],
      JSON.stringify(deepMerge(DEFAULT_FACTS, { consent: { purposeRevision: "1" } })), 2, /^$/,
      /^error: facts\.consent\.purposeRevision: /],
    ["decide: malformed JSON", ["decide"], "{\"now\": ", 2, /^$/, /^error: malformed JSON on stdin: [^\n]+\n$/],
    ["decide: empty stdin", ["decide"], "", 2, /^$/, /^error: malformed JSON/],
    ["decide: incomplete facts", ["decide"], JSON.stringify(withoutStatus()), 2, /^$/,
      /^error: facts\.consent\.status: expected "pending" \| "confirmed", but it is missing\n$/],
    ["decide: invalid value", ["decide"], JSON.stringify(deepMerge(DEFAULT_FACTS, { channel: "fax" })), 2, /^$/,
      /^error: facts\.channel: expected "email" \| "sms" \| "app" \| "phone" \| "post", received "fax"\n$/],
    ["decide: partial facts are not completed with defaults", ["decide"], "{}", 2, /^$/, /^error: facts\.now: /],
    ["unknown command", ["send"], "{}", 2, /^$/, /^error: unknown command "send"\nusage: rules/],
    ["no command", [], "{}", 2, /^$/, /^error: no command\nusage: rules/],
    ["help", ["--help"], "", 0, /^usage: rules/, /^$/],
  ])("%s", (_n, args, stdin, code, stdout, stderr) => {
    const r = run(args, stdin);
    expect(r.stderr.replace(/^npm warn.*\n/gm, "")).toMatch(stderr);
    expect(r.stdout).toMatch(stdout);
    expect(r.code).toBe(code);
  });

  it("lint: prints { ok, violations } as one line", () => {
    const form = {
      language: "en", controller: { name: "Fietsen BV", contact: "privacy@fietsen.example" },
      privacyUrl: "https://fietsen.example/privacy", retentionStatement: retentionStatement({}, "en"),
      withdrawalStatement: "Unsubscribe any time via the link in every e-mail.", dataStatement: "Your e-mail address.",
      proofStatement: proofStatement("en", { parentalConsent: false }), legalBasisStatement: legalBasisStatement("en"),
      checkboxes: [{ newsletterIds: ["A"], label: "Bike news", preChecked: true, purpose: "Sending Bike news" }],
      fields: [{ name: "email", required: true }], termsBundled: false,
    };
    const r = run(["lint"], JSON.stringify(form));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(out.ok).toBe(false);
    expect(out.violations).toEqual([expect.objectContaining({ code: "FORM_PRECHECKED", ruleId: "R-CONSENT-UNCHECKED" })]);
  });

  it("lint: invalid form names the field", () => {
    const r = run(["lint"], JSON.stringify({ language: "de" }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: form\.language: expected "nl" \| "en", received "de"/m);
  });
});
