// npm run backup / npm run restore against real SQLite files of their own (migrated here, so this file
// runs the same in the PostgreSQL pass), with other processes writing to or holding the database.
import { describe, it, expect, afterEach, afterAll } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "../lib/db/migrate.ts";

/** The migrations this code has (each test database gets all of them). */
const MIGRATIONS = fs.readdirSync(path.join("prisma", "sqlite", "migrations")).filter((d) => /^\d{14}_/.test(d)).length;

type Run = { code: number | null; out: string; err: string; ms: number };

/** Runs scripts/<name>.ts as `npm run <name>` does, with DATABASE_URL and DATA_DIR of the test. */
function cli(name: "backup" | "restore", env: Record<string, string>, ...args: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), `scripts/${name}.ts`, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`npm run ${name} did not finish within 30 s; stderr: ${err}`));
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - started });
    });
  });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Another process with the database open, running `code` (better-sqlite3 `db` in scope); resolves on its first "ready" line. */
function otherProcess(file: string, code: string): Promise<ChildProcess> {
  const src = `const Database = require("better-sqlite3"); const db = new Database(${JSON.stringify(file)}, { timeout: 10000 }); db.pragma("synchronous = NORMAL"); ${code}`;
  const child = spawn(process.execPath, ["-e", src], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let buf = "";
    child.stdout!.on("data", (d) => {
      buf += d;
      if (buf.includes("ready")) resolve(child);
    });
    child.on("exit", (c) => reject(new Error(`helper process exited (${c}) before it was ready`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** A fresh, migrated Proofmail database in a directory of its own. */
async function freshDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-backup-"));
  dirs.push(dir);
  const dbPath = path.join(dir, "proofmail.db");
  await migrate({ provider: "sqlite", url: `file:${dbPath}` });
  const env = { DATABASE_URL: `file:${dbPath}`, DATA_DIR: path.join(dir, "data") };
  return { dir, dbPath, env };
}

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function addAudit(file: string, ...actions: string[]) {
  withDb(file, (db) => {
    const insert = db.prepare(`INSERT INTO "AuditLog" (id, actor, action) VALUES (?, 'system', ?)`);
    for (const a of actions) insert.run(`id-${a}`, a);
  });
}

const audits = (file: string) => withDb(file, (db) => (db.prepare(`SELECT action FROM "AuditLog" ORDER BY action`).all() as { action: string }[]).map((r) => r.action));
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const backupPathOf = (r: Run) => r.out.match(/^backup: (\S+) \(/m)?.[1] ?? "";

function expectOneLineRefusal(r: Run, message: string) {
  expect(r.code).toBe(1);
  expect(r.out).toBe("");
  expect(r.err.trimEnd().split("\n")).toEqual([expect.stringContaining(message)]);
  expect(r.err).toMatch(/^restore: refused: /);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe("npm run backup", () => {
  it("finishes within seconds while another process writes continuously, and the copy has every row committed before it started", async () => {
    const { dbPath, env } = await freshDatabase();
    // ~30 MB: a paged backup (100 pages per step) would start over at every write and never finish.
    withDb(dbPath, (db) => {
      db.exec(`CREATE TABLE load_rows (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)`);
      const insert = db.prepare(`INSERT INTO load_rows (payload) VALUES (?)`);
      db.transaction(() => {
        for (let i = 0; i < 120_000; i++) insert.run(`row ${i} `.padEnd(240, "x"));
      })();
    });
    expect(fs.statSync(dbPath).size).toBeGreaterThan(25e6);

    // One row per transaction, as fast as it can, for as long as the test runs.
    const writer = await otherProcess(
      dbPath,
      `const insert = db.prepare("INSERT INTO load_rows (payload) VALUES (?)"); let n = 0;
       const burst = () => { const end = Date.now() + 20; while (Date.now() < end) { insert.run("w " + n++); } if (n > 50) process.stdout.write("ready\\n"); setImmediate(burst); };
       burst();`,
    );
    await new Promise((r) => setTimeout(r, 300));
    const committedBefore = withDb(dbPath, (db) => (db.prepare(`SELECT max(seq) AS m FROM load_rows`).get() as { m: number }).m);

    const r = await cli("backup", env);
    const committedAfter = withDb(dbPath, (db) => (db.prepare(`SELECT max(seq) AS m FROM load_rows`).get() as { m: number }).m);
    await killed(writer);

    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    // The writer kept committing while the backup ran.
    expect(committedAfter).toBeGreaterThan(committedBefore + 100);
    const file = backupPathOf(r);
    expect(path.dirname(file)).toBe(path.join(env.DATA_DIR, "backups"));
    expect(path.basename(file)).toMatch(/^proofmail-\d{8}-\d{6}\.db$/);
    expect(r.out).toContain(`${fs.statSync(file).size} bytes; integrity ok, ${MIGRATIONS} migrations`);
    withDb(file, (copy) => {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete"); // one self-contained file
      const { n, m } = copy.prepare(`SELECT count(*) AS n, max(seq) AS m FROM load_rows WHERE seq <= ?`).get(committedBefore) as { n: number; m: number };
      expect([n, m]).toEqual([committedBefore, committedBefore]);
      expect(copy.prepare(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).get()).toEqual({ n: MIGRATIONS });
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]); // no .partial left
    expect(fs.statSync(file).mode & 0o777).toBe(0o600); // personal data
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it("writes to the FILE named, refuses one that exists and a missing database, exit 1", async () => {
    const { dir, dbPath, env } = await freshDatabase();
    const out = path.join(dir, "elsewhere", "mine.db");
    const r = await cli("backup", env, out);
    expect(r.code).toBe(0);
    expect(backupPathOf(r)).toBe(out);
    const again = await cli("backup", env, out);
    expect(again).toMatchObject({ code: 1, out: "", err: `backup: refused: ${out} already exists; name another file\n` });
    const missing = await cli("backup", { ...env, DATABASE_URL: `file:${dir}/nope.db` });
    expect(missing).toMatchObject({ code: 1, out: "", err: `backup: refused: database ${dir}/nope.db does not exist\n` });
    expect(fs.existsSync(`${dir}/nope.db`)).toBe(false);
    expect(fs.existsSync(dbPath)).toBe(true);
  });
});

describe("npm run restore", () => {
  it("round trip: rows written after the backup (left in the -wal by a crashed process) are gone; the database before, with them, is kept", async () => {
    const { dbPath, env } = await freshDatabase();
    addAudit(dbPath, "a1", "a2", "a3");
    const b = await cli("backup", env);
    expect(b.code).toBe(0);
    const file = backupPathOf(b);

    // Written after the backup, left in the -wal by a process that dies without checkpointing.
    const late = await otherProcess(
      dbPath,
      `db.pragma("wal_autocheckpoint = 0"); const i = db.prepare("INSERT INTO \\"AuditLog\\" (id, actor, action) VALUES (?, 'system', ?)");
       i.run("id-b1", "b1"); i.run("id-b2", "b2"); process.stdout.write("ready\\n"); setInterval(() => {}, 1000);`,
    );
    await killed(late);
    expect(fs.statSync(`${dbPath}-wal`).size).toBeGreaterThan(0);

    fs.chmodSync(dbPath, 0o640);
    const modeBefore = fs.statSync(dbPath).mode & 0o777;
    const r = await cli("restore", env, file);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const keptAs = r.out.match(/previous database is kept as (\S+)/)?.[1] ?? "";
    expect(path.basename(keptAs)).toMatch(/^proofmail\.db\.before-restore-\d{8}-\d{6}$/);
    expect(path.dirname(keptAs)).toBe(path.dirname(dbPath));

    expect(audits(dbPath)).toEqual(["a1", "a2", "a3"]);
    expect(audits(keptAs)).toEqual(["a1", "a2", "a3", "b1", "b2"]);
    withDb(dbPath, (db) => {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    });
    expect(fs.existsSync(file)).toBe(true); // the backup itself stays where it was
    expect(fs.statSync(dbPath).mode & 0o777).toBe(modeBefore); // not the backup's 0600
    expect(fs.statSync(keptAs).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(dbPath)).filter((f) => f.includes(".restoring-"))).toEqual([]);
  });

  describe("refuses, names the problem in one line, exit 1, database untouched", () => {
    async function setup() {
      const ctx = await freshDatabase();
      addAudit(ctx.dbPath, "current");
      const b = await cli("backup", ctx.env);
      expect(b.code).toBe(0);
      // A row that sits in the -wal only (its writer crashed): even a checkpoint would change the file.
      const crashed = await otherProcess(
        ctx.dbPath,
        `db.pragma("wal_autocheckpoint = 0"); db.prepare("INSERT INTO \\"AuditLog\\" (id, actor, action) VALUES ('w', 'system', 'in-wal')").run();
         process.stdout.write("ready\\n"); setInterval(() => {}, 1000);`,
      );
      await killed(crashed);
      return { ...ctx, good: backupPathOf(b) };
    }
    async function expectUntouched(ctx: { dir: string; dbPath: string }, act: () => Promise<void>, rows = ["current", "in-wal"]) {
      const hashes = [sha256(ctx.dbPath), sha256(`${ctx.dbPath}-wal`)];
      const listing = fs.readdirSync(ctx.dir).sort();
      await act();
      expect([sha256(ctx.dbPath), sha256(`${ctx.dbPath}-wal`)]).toEqual(hashes);
      expect(fs.readdirSync(ctx.dir).sort()).toEqual(listing);
      expect(audits(ctx.dbPath)).toEqual(rows);
    }

    it("a missing file, a file that is not SQLite, a SQLite file that is not Proofmail's", async () => {
      const ctx = await setup();
      await expectUntouched(ctx, async () => {
        expectOneLineRefusal(await cli("restore", ctx.env, path.join(ctx.dir, "nope.db")), `backup ${ctx.dir}/nope.db does not exist`);
        const text = path.join(ctx.dir, "data", "notes.txt");
        fs.writeFileSync(text, "not a database\n".repeat(100));
        expectOneLineRefusal(await cli("restore", ctx.env, text), `backup ${text} is not a SQLite database`);
        const other = path.join(ctx.dir, "data", "other.db");
        const o = new Database(other);
        o.exec("CREATE TABLE notes (body TEXT)");
        o.close();
        expectOneLineRefusal(await cli("restore", ctx.env, other), `backup ${other} is not a Proofmail database (it has no _prisma_migrations table)`);
      });
    });

    it("a file that fails the integrity check", async () => {
      const ctx = await setup();
      // Damage one page on disk: the index entry's key no longer matches its row (the b-tree stays well-formed).
      const bad = path.join(ctx.dir, "data", "damaged.db");
      fs.copyFileSync(ctx.good, bad);
      const { page, size } = withDb(bad, (db) => {
        db.exec(`CREATE TABLE t (a TEXT); CREATE INDEX t_a ON t (a); INSERT INTO t VALUES ('KEY-AS-WRITTEN-1');`);
        return { page: (db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 't_a'`).get() as { rootpage: number }).rootpage, size: db.pragma("page_size", { simple: true }) as number };
      });
      const bytes = fs.readFileSync(bad);
      const at = bytes.indexOf("KEY-AS-WRITTEN-1", (page - 1) * size, "latin1");
      expect(at).toBeGreaterThanOrEqual((page - 1) * size);
      expect(at).toBeLessThan(page * size);
      bytes.write("KEY-AS-WRITTEN-2", at, "latin1");
      fs.writeFileSync(bad, bytes);
      await expectUntouched(ctx, async () => {
        const r = await cli("restore", ctx.env, bad);
        expectOneLineRefusal(r, `backup ${bad} fails the integrity check: `);
      });
    });

    it("a backup from a newer schema (a migration this code does not know)", async () => {
      const ctx = await setup();
      const newer = path.join(ctx.dir, "data", "newer.db");
      fs.copyFileSync(ctx.good, newer);
      withDb(newer, (db) =>
        db
          .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('x', 'abc', '2099-01-01', '20990101000000_from_the_future', '2099-01-01', 1)`)
          .run(),
      );
      await expectUntouched(ctx, async () => {
        expectOneLineRefusal(
          await cli("restore", ctx.env, newer),
          `backup ${newer} is from a newer schema: it has 1 migration(s) this code does not know (20990101000000_from_the_future); upgrade Proofmail first`,
        );
      });
    });

    it("while another process (the app, a worker) has the database open; --force restores anyway and says to restart them", async () => {
      const ctx = await setup();
      addAudit(ctx.good, "from-backup");
      // It has written a row that sits in the -wal only, and keeps the -wal and -shm open.
      const holder = await otherProcess(
        ctx.dbPath,
        `db.pragma("wal_autocheckpoint = 0"); db.prepare("INSERT INTO \\"AuditLog\\" (id, actor, action) VALUES ('h', 'system', 'held')").run();
         process.stdout.write("ready\\n"); setInterval(() => {}, 1000);`,
      );
      await expectUntouched(
        ctx,
        async () => {
          expectOneLineRefusal(await cli("restore", ctx.env, ctx.good), `database ${ctx.dbPath} is in use by another process (the app or a worker?): stop them first, or pass --force`);
        },
        ["current", "held", "in-wal"],
      );

      const forced = await cli("restore", ctx.env, ctx.good, "--force");
      expect(forced.code).toBe(0);
      expect(forced.out).toContain("--force: restart the app and every worker now");
      // The holder's -wal was not left beside the restored file (it would be replayed into it).
      expect(audits(ctx.dbPath)).toEqual(["current", "from-backup"]);
      const keptAs = forced.out.match(/previous database is kept as (\S+)/)?.[1] ?? "";
      expect(audits(keptAs)).toEqual(["current", "held", "in-wal"]);
      await killed(holder);
      expect(audits(ctx.dbPath)).toEqual(["current", "from-backup"]);
      // Once nothing holds it, no --force is needed.
      const plain = await cli("restore", ctx.env, ctx.good);
      expect(plain.code).toBe(0);
      expect(plain.out).not.toContain("--force");
    });
  });
});

describe("on PostgreSQL", () => {
  it("both commands print the pg_dump / pg_restore command (custom format, no password) and do nothing else", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-backup-pg-"));
    dirs.push(dir);
    // An unreachable host: any connection attempt would fail or hang.
    const env = { DATABASE_URL: "postgres://proofmail:s3cret@db.invalid:5432/proofmail?schema=tenant1", DATA_DIR: path.join(dir, "data") };
    const dump = await cli("backup", env, path.join(dir, "x.dump"));
    expect(dump).toMatchObject({ code: 0, err: "" });
    expect(dump.out).toContain(`pg_dump --format=custom --no-owner --schema=tenant1 --file=${dir}/x.dump postgres://proofmail@db.invalid:5432/proofmail\n`);
    const restore = await cli("restore", env, path.join(dir, "x.dump"));
    expect(restore).toMatchObject({ code: 0, err: "" });
    expect(restore.out).toContain(
      `pg_restore --clean --if-exists --no-owner --single-transaction --schema=tenant1 --dbname=postgres://proofmail@db.invalid:5432/proofmail ${dir}/x.dump\n`,
    );
    for (const r of [dump, restore]) {
      expect(r.out).not.toContain("s3cret");
      expect(r.out).toContain("set PGPASSWORD or use ~/.pgpass");
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
