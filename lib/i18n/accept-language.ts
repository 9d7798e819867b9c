// The best of our languages in a request's Accept-Language header (RFC 9110 §12.5.4: weights, then order).
import { isLocale, type Locale } from "./translator.ts";

/** The highest-weighted language we speak in `acceptLanguage`, or null when it names none of them. */
export function bestLocale(acceptLanguage: string | null | undefined): Locale | null {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith("q="))?.slice(2) ?? "1");
      return { base: tag.split("-")[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => isLocale(x.base) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.length ? (ranked[0].base as Locale) : null;
}
