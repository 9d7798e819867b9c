// The admin navigation. Each entry names the permission it needs; links a role lacks are not shown.
import type { Permission } from "@/lib/auth/permissions";

export const ADMIN_NAV: { href: string; label: string; permission: Permission }[] = [
  { href: "/admin", label: "Home", permission: "stats.read" },
  { href: "/admin/mailbox", label: "Dev mailbox", permission: "mailbox.read" },
  { href: "/admin/issues", label: "Issues", permission: "issues.write" },
];
