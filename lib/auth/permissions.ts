// Who may do what: one list of permissions and a role map (the dub pattern). Editors write, test and
// send issues, see aggregate counts and record objections people make to them; everything else that shows
// or changes personal data is admin-only.
export const PERMISSIONS = [
  "issues.write", // compose, preview, test-send, schedule, send, pause, cancel
  "stats.read", // aggregate counts, dashboard
  "newsletters.manage",
  "forms.manage",
  "subscribers.read", // subscriber details, consent timelines
  "subscribers.manage", // erasure, export on request, adding addresses to the suppression list
  "objections.record", // record a withdrawal or objection made by reply mail, phone, letter or in person
  "exports.run",
  "imports.run",
  "retention.manage",
  "users.manage",
  "audit.read",
  "mailbox.read", // the dev mailbox holds subscribers' addresses
  "settings.manage",
  "sessions.own", // sign oneself out everywhere (every role)
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export type Role = "admin" | "editor";

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  editor: ["issues.write", "stats.read", "objections.record", "sessions.own"],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && ROLE_PERMISSIONS[role].includes(permission);
}
