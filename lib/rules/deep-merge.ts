// Scenario overrides are applied to DEFAULT_FACTS by deep merge (catalogue §2.1): plain objects merge key
// by key; arrays, scalars and null replace. The result never shares structure with its inputs, so a
// caller mutating it cannot corrupt the defaults.

/** A recursive partial: nested objects may be partial; arrays replace and are therefore whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  }
  return value;
}

/** Deep-merges `override` over `base`; keys whose override is `undefined` keep the base value. */
export function deepMerge<T>(base: T, override?: DeepPartial<T> | unknown): T {
  if (override === undefined) return clone(base);
  if (!isPlainObject(base) || !isPlainObject(override)) return clone(override) as T;
  const out: Record<string, unknown> = clone(base);
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    out[key] = key in base ? deepMerge(base[key], value) : clone(value);
  }
  return out as T;
}
