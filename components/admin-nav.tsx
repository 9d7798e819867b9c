"use client";
// The admin navigation: a sidebar from 1024 px, a menu behind one button below. aria-current marks the
// page you are on (the longest matching link, so /admin does not light up everywhere).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

export type NavGroup = { group: string; items: { href: string; label: string }[] };

function current(path: string, groups: NavGroup[]) {
  const hrefs = groups.flatMap((g) => g.items.map((i) => i.href)).filter((h) => path === h || path.startsWith(h + "/"));
  return hrefs.sort((a, b) => b.length - a.length)[0];
}

function NavList({ groups, active }: { groups: NavGroup[]; active?: string }) {
  const t = useTranslations("admin.nav");
  return (
    <nav aria-label={t("navLabel")} className="space-y-4 text-sm">
      {groups.map((g) => (
        <div key={g.group}>
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{g.group}</p>
          <ul className="space-y-0.5">
            {g.items.map((i) => (
              <li key={i.href}>
                <Link href={i.href} aria-current={i.href === active ? "page" : undefined}
                  className={`block rounded px-2 py-1 no-underline ${i.href === active ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-800 hover:bg-slate-100"}`}>
                  {i.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

export function AdminSidebar({ groups }: { groups: NavGroup[] }) {
  const active = current(usePathname(), groups);
  return <aside className="hidden w-48 shrink-0 lg:block"><NavList groups={groups} active={active} /></aside>;
}

export function AdminMenu({ groups }: { groups: NavGroup[] }) {
  const path = usePathname();
  const t = useTranslations("admin.nav");
  return (
    // keyed by path: following a link closes the menu
    <details key={path} className="relative lg:hidden">
      <summary className="cursor-pointer rounded border border-slate-300 px-3 py-1 text-sm">{t("menu")}</summary>
      <div className="absolute left-0 z-10 mt-2 w-64 rounded border border-slate-200 bg-white p-3 shadow-lg">
        <NavList groups={groups} active={current(path, groups)} />
      </div>
    </details>
  );
}
