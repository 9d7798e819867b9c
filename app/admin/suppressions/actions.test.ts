// The Objections page's "record by address" action goes through the boundary with "objections.record":
// an editor may use it, an anonymous caller is refused before anything is written. The session is the
// only thing replaced (next-auth needs a request); the database is real.
import { describe, it, expect, vi, beforeEach } from "vitest";
import { db } from "@/lib/db";
import { suppressionsFor } from "@/lib/subscribers/suppression";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; role: "admin" | "editor" } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.user ? { user: session.user } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { recordByAddressAction } = await import("./actions");
const { HttpError } = await import("@/lib/http/http-error");

const rnd = () => Math.random().toString(36).slice(2, 10);
function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

describe("recordByAddressAction", () => {
  beforeEach(() => { session.user = null; });

  it("an editor records an objection by address and gets the answer", async () => {
    session.user = { id: "editor0000001", email: "editor@example.org", role: "editor" };
    const email = `caller-${rnd()}@example.nl`;
    const r = await recordByAddressAction({}, form({ email, kind: "objection", scope: "all", channel: "phone", note: "" }));
    expect(r).toEqual({ notice: `Recorded: ${email} will get no more mail for all newsletters.`, values: { kind: "objection", scope: "all", channel: "phone" } });
    expect((await suppressionsFor(db, email)).map((x) => [x.scope, x.reason])).toEqual([["all", "objection"]]);
  });

  it("bad input comes back as a field message with what was typed", async () => {
    session.user = { id: "editor0000001", email: "editor@example.org", role: "editor" };
    const values = { email: "niet-een-adres", kind: "withdrawal", scope: "all", channel: "letter", note: "Brief" };
    expect(await recordByAddressAction({}, form(values))).toEqual({ error: expect.any(String), field: "email", values });
  });

  it("a hostile input (a file for a text field, a string for the form) is a 400 and nothing is written", async () => {
    session.user = { id: "editor0000001", email: "editor@example.org", role: "editor" };
    const before = await Promise.all([db.suppression.count(), db.auditLog.count()]);
    const f = form({ kind: "objection", scope: "all", channel: "phone" });
    f.set("email", new File(["x"], "x.txt"));
    expect(await recordByAddressAction({}, f)).toMatchObject({ error: expect.any(String), field: "email" });
    const p = recordByAddressAction({}, "not a form" as unknown as FormData);
    await expect(p).rejects.toMatchObject({ status: 400, code: "invalid_input" });
    expect(await Promise.all([db.suppression.count(), db.auditLog.count()])).toEqual(before);
  });

  it("an anonymous caller is refused and nothing is written", async () => {
    const email = `anon-${rnd()}@example.nl`;
    const before = await Promise.all([db.suppression.count(), db.auditLog.count()]);
    const p = recordByAddressAction({}, form({ email, kind: "objection", scope: "all", channel: "phone", note: "" }));
    await expect(p).rejects.toBeInstanceOf(HttpError);
    await expect(p).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
    expect(await Promise.all([db.suppression.count(), db.auditLog.count()])).toEqual(before);
  });
});
