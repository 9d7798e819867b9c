// The organisation's branding (Settings → Branding): what a logo upload and a brand colour may be, and the
// accent colour the branded template uses. Pure: no database, no I/O (get-branding / update-branding do that).

/** Mails and pages are at most 600 px wide; a logo needs no more than this. */
export const MAX_LOGO_BYTES = 200 * 1024;
/** The accent when no colour is set: the indigo of the plain template's buttons. */
export const DEFAULT_ACCENT = "#4338ca";
/** WCAG 2 AA for normal text: white text on the accent must reach this. */
export const AA_CONTRAST = 4.5;

/** A newsletter's mail template: "branded" (the default: it looks plain until branding is set) or "plain". */
export const TEMPLATES = ["branded", "plain"] as const;

export type LogoType = "image/png" | "image/jpeg" | "image/webp";

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type from the file's own bytes (never its name or the browser's claim); null = not accepted (SVG included). */
export function sniffLogo(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

/** "#RGB" or "#RRGGBB", any case, as "#rrggbb"; null when it is not a hex colour. */
export function parseHexColor(input: string): string | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(input.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return `#${hex.toLowerCase()}`;
}

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

// WCAG 2 relative luminance of an sRGB colour.
function luminance(rgb: number[]): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of white text on this colour (1 to 21). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(channels(hex)) + 0.05);
}

/**
 * The colour the branded template paints white text on: the brand colour itself when white text on it reaches
 * AA, else the same hue darkened just enough that it does (so a light brand colour never makes text unreadable).
 */
export function accentColor(brandColor: string): string {
  const hex = parseHexColor(brandColor);
  if (!hex) return DEFAULT_ACCENT;
  if (contrastWithWhite(hex) >= AA_CONTRAST) return hex;
  const rgb = channels(hex);
  for (let f = 0.95; f > 0; f -= 0.05) {
    const darker = toHex(rgb.map((c) => c * f));
    if (contrastWithWhite(darker) >= AA_CONTRAST) return darker;
  }
  return "#000000";
}
