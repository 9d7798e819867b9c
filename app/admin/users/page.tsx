import { requirePage } from "@/lib/auth/guard";
import { listUsers } from "@/lib/users/list-users";
import { Button, Card, Field, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { invite, remove, setRole } from "./actions";

export const metadata = { title: "Users" };

export const dynamic = "force-dynamic";

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePage("users.manage");
  const sp = await searchParams;
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" />
      {typeof sp.notice === "string" && <Notice kind="success">{sp.notice}</Notice>}
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold">Invite someone</h2>
        <form action={invite} className="grid grid-cols-1 gap-x-4 sm:grid-cols-3">
          <Field label="Email address" name="email" type="email" required autoComplete="off" />
          <Field label="Name (optional)" name="name" maxLength={200} />
          <div className="mb-4">
            <label htmlFor="invite-role" className="mb-1 block text-sm font-medium">Role</label>
            <select id="invite-role" name="role" defaultValue="editor" className="w-full rounded-md border border-slate-300 px-3 py-2">
              <option value="editor">Editor: write and send issues, see counts</option>
              <option value="admin">Admin: everything</option>
            </select>
          </div>
          <div><Button type="submit">Send invitation</Button></div>
        </form>
      </Card>
      <Card>
        <ScrollRegion label="Staff"><table className="w-full text-left text-sm">
          <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Signed in</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-100" data-testid={`user-${u.email}`}>
                <td className="py-2">{u.email}{u.id === staff.id && " (you)"}</td>
                <td>{u.name ?? "—"}</td>
                <td>
                  <form action={setRole} className="flex items-center gap-2">
                    <input type="hidden" name="userId" value={u.id} />
                    <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.email}</label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role} className="rounded border border-slate-300 px-2 py-1">
                      <option value="editor">editor</option>
                      <option value="admin">admin</option>
                    </select>
                    <Button variant="secondary" className="px-2 py-1">Change</Button>
                  </form>
                </td>
                <td>{u.emailVerified ? "yes" : "not yet"}</td>
                <td>
                  <form action={remove}>
                    <input type="hidden" name="userId" value={u.id} />
                    <Button variant="danger" className="px-2 py-1" aria-label={`Remove ${u.email}`}>Remove</Button>
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
