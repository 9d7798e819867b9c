// The database's disk is full. SQLite: `PRAGMA max_page_count` set to the file's current page count on the
// app's own connection, so every write that needs one more page fails with SQLITE_FULL "database or disk is
// full", exactly as on a full disk (writes that fit in pages already there still succeed, as on a full
// disk). PostgreSQL cannot be filled that way here: a trigger raises the real SQLSTATE 53100 disk_full
// through the real pg driver, adapter and Prisma client instead.
// Shown: a public signup through POST /api/subscribe answers 503 problem+json `storage_full` with a message for
// the person, logs it once at error level, and writes nothing half (no subscriber or subscription without
// its ledger event; the ledger verifies; counts unchanged); once there is space again, signups go through.
// A staff write (saving a new newsletter through its server action) is refused the same way: the action
// throws the 503 storage_full HttpError with its message, and no newsletter is left without its purpose
// version and audit entry.
import { describe, it, expect, beforeAll, afterAll, vi } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";
import { captureLog } from "../testing/capture-log.ts";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "Vitest/1" }) }));
// The staff session is the only thing replaced for the server action (next-auth needs a request).
vi.mock("@/lib/auth/auth", () => ({ auth: async () => ({ user: { id: "admin00000001", email: "admin@example.org", role: "admin" } }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// Next's `after` needs a request scope; here the deferred mail work runs at once and the test awaits it.
const deferred: Promise<void>[] = [];
vi.mock("next/server", async (orig) => ({ ...(await orig<typeof import("next/server")>()), after: (task: () => Promise<void>) => void deferred.push(task()) }));

const lines = captureLog();
const sink = await useSmtpSink();

const { db, dbProvider } = await import("./index.ts");
const { POST } = await import("../../app/api/subscribe/route.ts");
const { verifyLedger } = await import("../consent/ledger.ts");
const { seedForm, seedNewsletter, seedOrganisation, counts, uid } = await import("../consent/test-helpers.ts");
const { toHttpError, isStorageFull, HttpError } = await import("../http/http-error.ts");
const { saveNewsletterAction } = await import("../../app/admin/newsletters/actions.ts");

afterAll(() => {
  // The pooled connections would hold the sink open for its 30 s idle timeout.
  return sink.stop();
});

let newsletterId: string, versionId: string;
beforeAll(async () => {
  await seedOrganisation();
  newsletterId = (await seedNewsletter("Fietsnieuws")).id;
  versionId = (await seedForm([newsletterId])).version.id;
});

async function subscribe(email: string) {
  const res = await POST(new Request("http://localhost:3999/api/subscribe", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ formVersionId: versionId, email, newsletterIds: [newsletterId] }),
  }));
  await Promise.all(deferred.splice(0));
  return res;
}

/** Every subscription was recorded with its signup event, every subscriber has a subscription, the hash chain holds. */
async function nothingHalfWritten() {
  const subscriptions = await db.subscription.findMany({ select: { id: true } });
  const signups = await db.consentEvent.findMany({ where: { type: "signup" }, select: { details: true } });
  const recorded = new Set(signups.flatMap((e) => (e.details as { subscriptionIds: string[] }).subscriptionIds));
  expect(subscriptions.filter((s) => !recorded.has(s.id))).toEqual([]);
  expect(await db.subscriber.count({ where: { subscriptions: { none: {} } } })).toBe(0);
  expect(await verifyLedger(db)).toMatchObject({ ok: true });
}

const storageFullLogs = () => lines.filter((l) => l.level === "error" && l.msg === "database storage full: the write was refused");

/** A storage-full refusal as people see it: 503 problem+json, our message, no internals. */
async function expectStorageFull(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const text = await res.text();
  expect(text).not.toMatch(/SQLITE|53100|disk_full|prisma|\.ts\b|\bat\b/i);
  expect(JSON.parse(text)).toMatchObject({ status: 503, code: "storage_full", title: "Storage full", detail: "We cannot save anything right now; nothing was changed. Please try again later." });
}

/** Saves a new newsletter as the admin's form does: "saved" (the action redirects to it) or the HttpError it threw. */
async function saveNewNewsletter(): Promise<"saved" | InstanceType<typeof HttpError>> {
  const f = new FormData();
  const slug = `full-${uid()}`;
  for (const [k, v] of Object.entries({ slug, "nl.name": `Nieuws ${slug}`, "nl.description": "Over fietsen. ".repeat(35), language: "nl", "nl.fromName": "Fietsbond", fromEmail: "news@fietsbond.test", categories: "bikes", template: "branded" })) f.set(k, v);
  try {
    await saveNewsletterAction(null, {}, f);
  } catch (err) {
    if (err instanceof HttpError) return err;
    if (String((err as { digest?: unknown }).digest ?? "").startsWith("NEXT_REDIRECT")) return "saved";
    throw err;
  }
  throw new Error("the action neither redirected nor failed");
}

const staffCounts = async () => ({ newsletters: await db.newsletter.count(), purposeVersions: await db.purposeVersion.count(), audit: await db.auditLog.count() });

/** Every newsletter has its first purpose version and its audit entry. */
async function newslettersWhole() {
  const created = new Set((await db.auditLog.findMany({ where: { action: "newsletter.create" }, select: { target: true } })).map((a) => a.target));
  const withPurpose = new Set((await db.purposeVersion.findMany({ where: { version: 1 }, select: { newsletterId: true } })).map((p) => p.newsletterId));
  const viaAction = await db.newsletter.findMany({ where: { slug: { startsWith: "full-" } }, select: { id: true } });
  expect(viaAction.filter((n) => !created.has(n.id) || !withPurpose.has(n.id))).toEqual([]);
}

function expectStaffStorageFull(r: "saved" | InstanceType<typeof HttpError>) {
  expect(r).toBeInstanceOf(HttpError);
  expect(r).toMatchObject({ status: 503, code: "storage_full", message: "We cannot save anything right now; nothing was changed. Please try again later." });
}

const UNLIMITED = 1073741823; // SQLite's default max_page_count

if (dbProvider() === "sqlite") {
  describe("SQLite: the disk is full (max_page_count = page_count)", () => {
    const pragma = async (sql: string) => Number(Object.values((await db.$queryRawUnsafe<Record<string, bigint>[]>(sql))[0])[0]);
    afterAll(() => pragma(`PRAGMA max_page_count = ${UNLIMITED}`));

    it("the error really is SQLITE_FULL wrapped by Prisma, and toHttpError makes it storage_full", async () => {
      const pages = await pragma("PRAGMA page_count");
      expect(await pragma(`PRAGMA max_page_count = ${pages}`)).toBe(pages);
      // A row too big for any page there is: it needs new (overflow) pages.
      const err = await db.subscriber.create({ data: { email: `${"x".repeat(9000)}@example.nl` } }).then(() => null, (e: unknown) => e);
      expect(err).toMatchObject({ name: "PrismaClientKnownRequestError", meta: { driverAdapterError: { cause: { originalCode: "SQLITE_FULL", originalMessage: "database or disk is full" } } } });
      expect(isStorageFull(err)).toBe(true);
      expect(toHttpError(err)).toMatchObject({ status: 503, code: "storage_full" });
      expect(isStorageFull(new Error("database or disk is full"))).toBe(false); // decided by code, not by words
      await pragma(`PRAGMA max_page_count = ${UNLIMITED}`);
    });

    it("a signup on a full disk answers 503 storage_full, logged once, with nothing half-written; after space is back it goes through", async () => {
      expect((await subscribe(`before-${uid()}@example.nl`)).status).toBe(202);
      const pages = await pragma("PRAGMA page_count");
      await pragma(`PRAGMA max_page_count = ${pages}`);
      // Signups go on until the disk is really full (what still fits in the pages there goes in, as on a full disk).
      let refused: Response | null = null;
      let before = await counts();
      let accepted = 0;
      for (let i = 0; i < 50 && !refused; i++) {
        before = await counts();
        const logsBefore = storageFullLogs().length;
        const res = await subscribe(`full-${uid()}@example.nl`);
        if (res.status === 202) accepted++;
        else {
          refused = res;
          expect(storageFullLogs()).toHaveLength(logsBefore + 1);
        }
      }
      expect(await pragma("PRAGMA page_count")).toBe(pages); // the file never grew
      expect(refused, `no signup was refused after ${accepted} accepted`).not.toBeNull();
      await expectStorageFull(refused!);
      expect(await counts()).toEqual(before);
      await nothingHalfWritten();
      // Still full: the same refusal again, and still nothing written.
      const again = await subscribe(`again-${uid()}@example.nl`);
      await expectStorageFull(again);
      expect(await counts()).toEqual(before);

      // Space is back: the next signup is taken, with its ledger event, without anyone doing anything else.
      await pragma(`PRAGMA max_page_count = ${UNLIMITED}`);
      const email = `after-${uid()}@example.nl`;
      expect((await subscribe(email)).status).toBe(202);
      const sub = await db.subscriber.findUniqueOrThrow({ where: { email }, include: { subscriptions: true } });
      expect(sub.subscriptions).toHaveLength(1);
      await nothingHalfWritten();
      expect(sink.received.some((m) => m.envelopeTo.includes(email))).toBe(true);
    });

    it("saving a newsletter on a full disk throws 503 storage_full with its message, logged once, nothing partial; after space is back it saves", async () => {
      expect(await saveNewNewsletter()).toBe("saved");
      await pragma(`PRAGMA max_page_count = ${await pragma("PRAGMA page_count")}`);
      let refused: "saved" | InstanceType<typeof HttpError> = "saved";
      let before = await staffCounts();
      for (let i = 0; i < 50 && refused === "saved"; i++) {
        before = await staffCounts();
        const logsBefore = storageFullLogs().length;
        refused = await saveNewNewsletter();
        if (refused !== "saved") expect(storageFullLogs().slice(logsBefore).map((l) => l.where)).toEqual(["server action"]);
      }
      expectStaffStorageFull(refused);
      expect(await staffCounts()).toEqual(before);
      await newslettersWhole();
      await pragma(`PRAGMA max_page_count = ${UNLIMITED}`);
      expect(await saveNewNewsletter()).toBe("saved");
      await newslettersWhole();
    });
  });
} else {
  describe("PostgreSQL: the disk is full (SQLSTATE 53100 disk_full)", () => {
    // The server's own error for a full disk, raised where the signup's ledger event is written: the pg
    // driver, the Prisma adapter and client wrap it exactly as they would the real one.
    const fill = () => db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file "base/16384/2619": No space left on device' USING ERRCODE = 'disk_full'; END $$`)
      .then(() => db.$executeRawUnsafe(`CREATE TRIGGER disk_full BEFORE INSERT ON "ConsentEvent" FOR EACH ROW EXECUTE FUNCTION disk_full()`));
    const free = () => db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS disk_full ON "ConsentEvent"`);
    afterAll(free);

    it("the error really is SQLSTATE 53100 wrapped by Prisma, and toHttpError makes it storage_full", async () => {
      const err = await db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'No space left on device' USING ERRCODE = 'disk_full'; END $$`).then(() => null, (e: unknown) => e);
      expect(err).toMatchObject({ name: "PrismaClientKnownRequestError", meta: { driverAdapterError: { cause: { originalCode: "53100" } } } });
      expect(isStorageFull(err)).toBe(true);
      expect(toHttpError(err)).toMatchObject({ status: 503, code: "storage_full" });
      // Other resource errors stay internal: 53200 out of memory is not a full disk.
      const oom = await db.$executeRawUnsafe(`DO $$ BEGIN RAISE EXCEPTION 'out of memory' USING ERRCODE = 'out_of_memory'; END $$`).then(() => null, (e: unknown) => e);
      expect(toHttpError(oom).code).toBe("internal");
    });

    it("a signup on a full disk answers 503 storage_full, logged once, with nothing half-written; after space is back it goes through", async () => {
      expect((await subscribe(`before-${uid()}@example.nl`)).status).toBe(202);
      await fill();
      const before = await counts();
      const logsBefore = storageFullLogs().length;
      await expectStorageFull(await subscribe(`full-${uid()}@example.nl`));
      expect(storageFullLogs()).toHaveLength(logsBefore + 1);
      expect(await counts()).toEqual(before); // the subscriber and subscription written before the event are gone too
      await nothingHalfWritten();
      await free();
      const email = `after-${uid()}@example.nl`;
      expect((await subscribe(email)).status).toBe(202);
      expect(await db.subscription.count({ where: { subscriber: { email } } })).toBe(1);
      await nothingHalfWritten();
    });

    it("saving a newsletter on a full disk throws 503 storage_full with its message, logged once, nothing partial; after space is back it saves", async () => {
      expect(await saveNewNewsletter()).toBe("saved");
      // The newsletter and its purpose version are written first; the audit entry finds the disk full.
      await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'could not extend file "base/16384/2619": No space left on device' USING ERRCODE = 'disk_full'; END $$`);
      await db.$executeRawUnsafe(`CREATE TRIGGER disk_full BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION disk_full()`);
      const before = await staffCounts();
      const logsBefore = storageFullLogs().length;
      try {
        expectStaffStorageFull(await saveNewNewsletter());
      } finally {
        await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS disk_full ON "AuditLog"`);
      }
      expect(storageFullLogs().slice(logsBefore).map((l) => l.where)).toEqual(["server action"]);
      expect(await staffCounts()).toEqual(before);
      await newslettersWhole();
      expect(await saveNewNewsletter()).toBe("saved");
      await newslettersWhole();
    });
  });
}
