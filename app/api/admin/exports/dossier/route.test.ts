// The dossier routes through the boundary (admins only): by subscriber id (PDF inline, JSON attachment, in the
// language asked for), and by a typed address in a form post, where a bad field and "nothing found" go back to
// /admin/dossier with the message. Every dossier, and every search that finds nothing, is in the audit log, which
// never holds the typed address. The session is the only thing replaced (next-auth needs a request); the database is real.
import { describe, it, expect, vi, beforeAll, beforeEach } from "vitest";
import { db } from "@/lib/db";
import { createNewsletterWithForm, createSubscriber } from "@/lib/testing/fixtures";
import { verifyProof } from "@/lib/export/verify-proof";
import { suppress } from "@/lib/subscribers/suppression";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; role: "admin" | "editor" } }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.user ? { user: session.user } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }) }));

const { GET } = await import("./[id]/route");
const { POST } = await import("./route");

const ADMIN = { id: "admin0000001", email: "admin@example.org", role: "admin" as const };
const base = "http://localhost:3999";
let subscriberId: string;

const byId = (id: string, qs: string) => GET(new Request(`${base}/api/admin/exports/dossier/${id}?${qs}`), { params: Promise.resolve({ id }) });
const byAddress = (fields: Record<string, string>, headers: Record<string, string> = { origin: base, "sec-fetch-site": "same-origin" }) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return POST(new Request(`${base}/api/admin/exports/dossier`, { method: "POST", body, headers }));
};
const audits = () => db.auditLog.findMany({ where: { action: "export.dossier" }, orderBy: { at: "asc" } });

beforeAll(async () => {
  const n = await createNewsletterWithForm({ name: "Routebrief", language: "en" });
  const s = await createSubscriber({ email: "route@example.nl", subscriptions: [{ newsletterId: n.newsletter.id, formVersionId: n.formVersion.id, status: "confirmed", createdAt: new Date("2025-03-01T10:00:00Z") }] });
  subscriberId = s.subscriber.id;
});
beforeEach(() => { session.user = ADMIN; });

describe("GET /api/admin/exports/dossier/:id", () => {
  it("PDF inline in the language asked for, JSON as an attachment that verifies; each audited", async () => {
    const before = (await audits()).length;
    const pdf = await byId(subscriberId, "format=pdf&lang=en");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^inline; filename="complaint-dossier-.+\.en\.pdf"$/);
    expect(pdf.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const json = await byId(subscriberId, "format=json");
    expect(json.headers.get("content-disposition")).toMatch(/^attachment; filename="complaint-dossier-.+\.json"$/);
    const text = await json.text();
    expect(JSON.parse(text)).toMatchObject({ kind: "proofmail.complaint-dossier", person: { id: subscriberId, email: "route@example.nl", language: "en" } });
    expect(await verifyProof(text)).toMatchObject({ ok: true });
    const rows = (await audits()).slice(before);
    expect(rows.map((r) => [r.actor, r.target, (r.details as { format: string }).format, (r.details as { language: string }).language])).toEqual([
      ["admin@example.org", subscriberId, "pdf", "en"], ["admin@example.org", subscriberId, "json", "en"],
    ]);
  });

  it("an unknown id is a 404; an editor or nobody is refused", async () => {
    expect((await byId("nosuchsubscriber", "format=pdf")).status).toBe(404);
    expect((await byId(subscriberId, "format=pdf&lang=de")).status).toBe(400);
    session.user = { id: "editor000001", email: "editor@example.org", role: "editor" };
    expect((await byId(subscriberId, "format=pdf")).status).toBe(403);
    session.user = null;
    expect((await byId(subscriberId, "format=pdf")).status).toBe(401);
  });
});

describe("POST /api/admin/exports/dossier (a typed address)", () => {
  it("finds the person by the address however it is written, and audits without the address", async () => {
    const r = await byAddress({ email: "  ROUTE@Example.NL ", format: "json", lang: "nl" });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ foundBy: "address", person: { id: subscriberId } });
    const last = (await audits()).at(-1)!;
    expect(last).toMatchObject({ target: subscriberId, details: expect.objectContaining({ by: "address", found: "person", format: "json", language: "nl" }) });
  });

  it("an address known only to the suppression list gives a dossier of what is kept", async () => {
    await suppress(db, "gone@example.nl", "all", "erasure", new Date("2025-05-05T05:05:05Z"));
    const r = await byAddress({ email: "gone@example.nl", format: "json", lang: "en" });
    const doc = await r.json();
    expect(doc).toMatchObject({ person: null, erased: { on: "2025-05-05T05:05:05.000Z" }, suppressions: [{ scope: "all", reason: "erasure", at: "2025-05-05T05:05:05.000Z" }] });
    expect(JSON.stringify(await audits())).not.toContain("gone@example.nl");
  });

  it("nothing found: back to the page saying so, audited; a bad field: back with the message naming it; nothing half-written", async () => {
    const before = (await audits()).length;
    const none = await byAddress({ email: "nobody@example.nl", format: "pdf", lang: "nl" });
    expect(none.status).toBe(303);
    expect(none.headers.get("location")).toBe(`${base}/admin/dossier?result=nothing-found`);
    const rows = (await audits()).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target: null, details: { by: "address", found: "nothing" } });
    expect(JSON.stringify(rows)).not.toContain("nobody@example.nl");

    const bad = await byAddress({ email: "not an address", format: "pdf", lang: "nl" });
    expect(bad.status).toBe(303);
    expect(new URL(bad.headers.get("location")!).searchParams.get("error")).toBe("email: That is not a valid email address.");
    const badLang = await byAddress({ email: "route@example.nl", format: "pdf", lang: "de" });
    expect(new URL(badLang.headers.get("location")!).searchParams.get("error")).toMatch(/^lang: must be "nl" or "en"/);
    const missing = await byAddress({ format: "pdf" });
    expect(new URL(missing.headers.get("location")!).searchParams.get("error")).toMatch(/^email: /);
    expect((await audits()).length).toBe(before + 1);
  });

  it("a cross-site post, an editor and nobody are refused before anything is looked up", async () => {
    const before = (await audits()).length;
    expect((await byAddress({ email: "route@example.nl" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    session.user = { id: "editor000001", email: "editor@example.org", role: "editor" };
    expect((await byAddress({ email: "route@example.nl" })).status).toBe(403);
    session.user = null;
    expect((await byAddress({ email: "route@example.nl" })).status).toBe(401);
    expect((await audits()).length).toBe(before);
  });
});
