import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { signOut } from "@/lib/auth/auth";
import { staffLocale, staffTranslator } from "@/lib/i18n/staff-translator";
import { AdminMenu, AdminSidebar, type NavGroup } from "@/components/admin-nav";
import { StaffIntl } from "@/components/staff-intl";
import { ADMIN_NAV } from "./nav";
import { setOwnLanguage, signOutEverywhereOwn } from "./actions";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const staff = await requirePage(null);
  const [t, locale] = await Promise.all([staffTranslator("admin.nav"), staffLocale()]);
  const other = locale === "nl" ? "en" : "nl";
  const groups: NavGroup[] = ADMIN_NAV
    .map((g) => ({ group: t(`groups.${g.group}` as "groups.overview"), items: g.items.filter((i) => can(staff.role, i.permission)).map(({ href, label }) => ({ href, label: t(`items.${label}` as "items.home") })) }))
    .filter((g) => g.items.length > 0);
  return (
    <StaffIntl>
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-3 sm:px-6">
            <AdminMenu groups={groups} />
            <Link href="/admin" className="font-semibold text-slate-900 no-underline">Proofmail</Link>
            <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm text-slate-600">
              <span data-testid="staff" className="truncate">{staff.email} ({t(`roles.${staff.role}`)})</span>
              <form action={setOwnLanguage}>
                <button name="language" value={other} lang={other} data-testid="language-switch" className="whitespace-nowrap text-indigo-700 hover:underline">
                  {t(`switchTo.${other}`)}
                </button>
              </form>
              <form action={async () => { "use server"; await signOut({ redirectTo: "/login" }); }}>
                <button className="whitespace-nowrap text-indigo-700 hover:underline">{t("signOut")}</button>
              </form>
              {can(staff.role, "sessions.own") && (
                <form action={signOutEverywhereOwn}>
                  <button className="whitespace-nowrap text-indigo-700 hover:underline" title={t("signOutEverywhereHint")}>{t("signOutEverywhere")}</button>
                </form>
              )}
            </div>
          </div>
        </header>
        <div className="mx-auto flex max-w-7xl gap-8 px-4 py-8 sm:px-6">
          <AdminSidebar groups={groups} />
          <main className="min-w-0 flex-1">{children}</main>
        </div>
      </div>
    </StaffIntl>
  );
}
