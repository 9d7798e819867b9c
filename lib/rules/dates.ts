// Date arithmetic without a clock: every instant comes in as an argument (facts.now, policy runs),
// so decisions are reproducible and testable. All calendar maths is done in UTC.

const DAY_MS = 86_400_000;

// ISO-8601 date, or date-time WITH a zone. A zone-less date-time would be read in the host's local
// time zone, which would make a decision depend on where it runs.
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** True for "2025-06-01" and "2025-06-01T12:00:00Z"/"...+02:00"; false for anything else. */
export function isIsoInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** Milliseconds since the epoch, or NaN when the value is not an ISO instant (callers treat NaN conservatively). */
export function toMillis(value: Date | string | number): number {
  if (typeof value === "number") return value;
  if (value instanceof Date) return value.getTime();
  return isIsoInstant(value) ? Date.parse(value) : Number.NaN;
}

/** Like toMillis, but throws: for the retention job, where a bad date must stop the run, not delete. */
export function requireMillis(value: Date | string | number, what: string): number {
  const ms = toMillis(value);
  if (Number.isNaN(ms)) throw new RangeError(`${what}: expected an ISO-8601 date-time, got ${JSON.stringify(value)}`);
  return ms;
}

/** Adds calendar months; the day is clamped to the target month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** Whole calendar months from `from` to `to` (0 when `to` is earlier; NaN for unparseable input). */
export function wholeMonthsBetween(from: Date | string, to: Date | string): number {
  const a = toMillis(from);
  const b = toMillis(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (b < a) return 0;
  const da = new Date(a);
  const db = new Date(b);
  let n = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
  while (n > 0 && addMonths(a, n) > b) n--;
  return n;
}

/** The instant `days` whole days before `now`: anything strictly older than this is past its term. */
export function cutoff(now: Date | string | number, days: number): Date {
  return new Date(requireMillis(now, "now") - days * DAY_MS);
}
