// The rules module's version, stored with every send decision (Delivery.rulesVersion, issue 12 D1), so a
// decision can later be matched to the rules that took it.
//
// Format: `<semver>+scenarios.<12 hex>`.
// - semver: bump the minor for any change to what a gate decides (a new rule, a changed order or threshold,
//   a new reason code), the patch for a fix that changes an outcome only where the old one was a bug, the
//   major when the facts shape (§2.1) changes incompatibly.
// - the suffix: the first 12 hex of sha256(JSON.stringify([scenarios.json, scenarios-extra.json])), the
//   catalogue's worked cases and ours. version.test.ts recomputes it, so a change to the scenarios that
//   forgets this constant fails the tests (lib/rules itself stays free of node:crypto).
export const RULES_VERSION = "1.0.0+scenarios.ef07a180e3d9";
