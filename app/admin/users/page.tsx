import { requirePage } from "@/lib/auth/guard";
import { listUsers } from "@/lib/users/list-users";
import { Button, Card, Field, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { endSessions, invite, remove, setRole } from "./actions";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.users.title");

export const dynamic = "force-dynamic";

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePage("users.manage");
  const sp = await searchParams;
  const [users, t, tNav] = await Promise.all([listUsers(), staffTranslator("admin.users"), staffTranslator("admin.nav")]);
  return (
    <>
      <PageHeader title={t("title")} />
      {typeof sp.notice === "string" && <Notice kind="success">{sp.notice}</Notice>}
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold">{t("invite")}</h2>
        <form action={invite} className="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
          <Field label={t("email")} name="email" type="email" required autoComplete="off" />
          <Field label={t("name")} name="name" maxLength={200} />
          <div className="mb-4">
            <label htmlFor="invite-role" className="mb-1 block text-sm font-medium">{t("role")}</label>
            <select id="invite-role" name="role" defaultValue="editor" className="w-full rounded-md border border-slate-300 px-3 py-2">
              <option value="editor">{t("editorRole")}</option>
              <option value="admin">{t("adminRole")}</option>
            </select>
          </div>
          <div><Button type="submit">{t("send")}</Button></div>
        </form>
      </Card>
      <Card>
        <ScrollRegion label={t("staff")}><table className="w-full text-left text-sm">
          <thead><tr><th>{t("col.email")}</th><th>{t("col.name")}</th><th>{t("col.role")}</th><th>{t("col.signedIn")}</th><th>{t("col.sessions")}</th><th><span className="sr-only">{t("col.actions")}</span></th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-100" data-testid={`user-${u.email}`}>
                <td className="py-2">{u.email}{u.id === staff.id && ` ${t("you")}`}</td>
                <td>{u.name ?? "—"}</td>
                <td>
                  <form action={setRole} className="flex items-center gap-2">
                    <input type="hidden" name="userId" value={u.id} />
                    <label className="sr-only" htmlFor={`role-${u.id}`}>{t("roleOf", { email: u.email })}</label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role} className="rounded border border-slate-300 px-2 py-1">
                      <option value="editor">{tNav("roles.editor")}</option>
                      <option value="admin">{tNav("roles.admin")}</option>
                    </select>
                    <Button variant="secondary" className="px-2 py-1">{t("change")}</Button>
                  </form>
                </td>
                <td>{u.emailVerified ? t("yes") : t("notYet")}</td>
                <td>
                  <form action={endSessions} className="flex items-center gap-2">
                    <input type="hidden" name="userId" value={u.id} />
                    <span data-testid="sessions">{u.sessions}</span>
                    {u.sessions > 0 && <Button variant="secondary" className="whitespace-nowrap px-2 py-1" aria-label={t("signOutOf", { email: u.email })}>{t("signOutEverywhere")}</Button>}
                  </form>
                </td>
                <td>
                  <form action={remove}>
                    <input type="hidden" name="userId" value={u.id} />
                    <Button variant="danger" className="px-2 py-1" aria-label={t("removeOf", { email: u.email })}>{t("remove")}</Button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      </Card>
    </>
  );
}
