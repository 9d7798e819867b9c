// The admin navigation, in groups. Each entry names the permission it needs; links a role lacks are not
// shown, and a group with no visible link is left out. Groups and labels are keys in admin.nav.
import type { Permission } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission };

export const ADMIN_NAV: { group: string; items: NavItem[] }[] = [
  { group: "overview", items: [
    { href: "/admin", label: "home", permission: "stats.read" },
    { href: "/admin/mailbox", label: "mailbox", permission: "mailbox.read" },
  ] },
  { group: "write", items: [
    { href: "/admin/issues", label: "issues", permission: "issues.write" },
    { href: "/admin/newsletters", label: "newsletters", permission: "newsletters.manage" },
    { href: "/admin/forms", label: "forms", permission: "forms.manage" },
  ] },
  { group: "people", items: [
    { href: "/admin/subscribers", label: "subscribers", permission: "subscribers.read" },
    { href: "/admin/imports", label: "imports", permission: "imports.run" },
    { href: "/admin/suppressions", label: "objections", permission: "objections.record" },
    { href: "/admin/inbound", label: "inbound", permission: "objections.record" },
    { href: "/admin/exports", label: "exports", permission: "exports.run" },
    { href: "/admin/dossier", label: "dossier", permission: "exports.run" },
  ] },
  { group: "organisation", items: [
    { href: "/admin/settings", label: "settings", permission: "settings.manage" },
    { href: "/admin/privacy", label: "privacy", permission: "settings.manage" },
    { href: "/admin/retention", label: "retention", permission: "retention.manage" },
    { href: "/admin/users", label: "users", permission: "users.manage" },
    { href: "/admin/api-tokens", label: "apiTokens", permission: "settings.manage" },
    { href: "/admin/webhooks", label: "webhooks", permission: "settings.manage" },
    { href: "/admin/audit", label: "audit", permission: "audit.read" },
  ] },
];
