// Dates as the tools people leave export them. Mailchimp (OPTIN_TIME "2019-03-12 14:22:11"), MailerLite and
// Laposta write a date and time without a zone; listmonk writes "2024-02-01 09:15:00.123456+00"; Dutch
// spreadsheets write "15-03-2024". Without a zone the time is read as UTC (the exports' own convention; a
// few hours either way do not change what the checks decide). Day-first is the only order read for
// dd-mm-yyyy: no tool we read writes month-first, and a guess would silently misdate rows.
export type ImportDate = { ok: true; iso: string } | { ok: false };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, zone = "Z"): ImportDate {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return { ok: false };
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return { ok: false }; // 2024-02-30
  let offset = 0;
  const z = zone.toUpperCase();
  if (z !== "Z" && z !== "UTC" && z !== "GMT") {
    const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z)!;
    offset = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
    if (Math.abs(offset) > 14 * 60) return { ok: false };
  }
  return { ok: true, iso: new Date(t - offset * 60_000).toISOString() };
}

/** An export's date: null when empty, `{ ok: false }` when it is no date we can read. */
export function parseImportDate(raw: string | undefined | null): ImportDate | null {
  const v = (raw ?? "").trim();
  if (!v) return null;
  let m = ISO.exec(v);
  if (m) {
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
    return build(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms, m[8] ?? "Z");
  }
  m = DMY.exec(v);
  if (m) return build(+m[3], +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return { ok: false };
}
