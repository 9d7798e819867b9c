// On PostgreSQL, backup and restore are pg_dump / pg_restore (custom format): these build the commands.
// The password is left out of the printed URL (give it as PGPASSWORD or in ~/.pgpass); `?schema=`
// (a Prisma convention pg does not know) becomes --schema.

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function target(databaseUrl: string): { url: string; schema: string | null; hadPassword: boolean } {
  const u = new URL(databaseUrl);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  const hadPassword = u.password !== "";
  u.password = "";
  return { url: u.toString(), schema, hadPassword };
}

const passwordNote = "the password is left out: set PGPASSWORD or use ~/.pgpass";

export function pgDumpInstructions(databaseUrl: string, file: string): string[] {
  const t = target(databaseUrl);
  const cmd = ["pg_dump", "--format=custom", "--no-owner", ...(t.schema ? [`--schema=${t.schema}`] : []), `--file=${file}`, t.url];
  return [
    "PostgreSQL: back up with pg_dump (custom format); this command does nothing itself:",
    `  ${cmd.map(shellQuote).join(" ")}`,
    ...(t.hadPassword ? [`  (${passwordNote})`] : []),
  ];
}

export function pgRestoreInstructions(databaseUrl: string, file: string): string[] {
  const t = target(databaseUrl);
  const cmd = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", ...(t.schema ? [`--schema=${t.schema}`] : []), `--dbname=${t.url}`, file];
  return [
    "PostgreSQL: restore with pg_restore after stopping every web process and worker; this command does nothing itself:",
    `  ${cmd.map(shellQuote).join(" ")}`,
    ...(t.hadPassword ? [`  (${passwordNote})`] : []),
  ];
}
