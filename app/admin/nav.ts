// The admin navigation, in groups. Each entry names the permission it needs; links a role lacks are not
// shown, and a group with no visible link is left out.
import type { Permission } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission };

export const ADMIN_NAV: { group: string; items: NavItem[] }[] = [
  { group: "Overview", items: [
    { href: "/admin", label: "Home", permission: "stats.read" },
    { href: "/admin/mailbox", label: "Dev mailbox", permission: "mailbox.read" },
  ] },
  { group: "Write", items: [
    { href: "/admin/issues", label: "Issues", permission: "issues.write" },
    { href: "/admin/newsletters", label: "Newsletters", permission: "newsletters.manage" },
    { href: "/admin/forms", label: "Forms", permission: "forms.manage" },
  ] },
  { group: "People", items: [
    { href: "/admin/subscribers", label: "Subscribers", permission: "subscribers.read" },
    { href: "/admin/imports", label: "Imports", permission: "imports.run" },
    { href: "/admin/suppressions", label: "Objections", permission: "objections.record" },
    { href: "/admin/inbound", label: "Inbound", permission: "objections.record" },
    { href: "/admin/exports", label: "Exports", permission: "exports.run" },
    { href: "/admin/dossier", label: "Complaint dossier", permission: "exports.run" },
  ] },
  { group: "Organisation", items: [
    { href: "/admin/settings", label: "Settings", permission: "settings.manage" },
    { href: "/admin/privacy", label: "Privacy statement", permission: "settings.manage" },
    { href: "/admin/retention", label: "Retention", permission: "retention.manage" },
    { href: "/admin/users", label: "Users", permission: "users.manage" },
    { href: "/admin/api-tokens", label: "API tokens", permission: "settings.manage" },
    { href: "/admin/webhooks", label: "Webhooks", permission: "settings.manage" },
    { href: "/admin/audit", label: "Audit log", permission: "audit.read" },
  ] },
];
