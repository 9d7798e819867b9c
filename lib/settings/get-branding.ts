// The organisation's branding as the branded template uses it (public pages, the preferences page, mails).
import { config } from "../config/index.ts";
import type { Db, Tx } from "../db/index.ts";
import { accentColor, contrastWithWhite, parseHexColor } from "./branding.ts";

export type Branding = {
  orgName: string;
  address: string;
  /** Absolute, versioned by the logo's hash (a new upload is a new URL, so caches never show the old one). */
  logoUrl: string | null;
  /** White text on it reaches WCAG AA: the brand colour, darkened when it would not (lib/settings/branding.ts). */
  accent: string;
};

export type BrandingSettings = { brandColor: string; hasLogo: boolean; logoUrl: string | null; contrast: number | null; accent: string };

export const LOGO_PATH = "/brand/logo";

const logoUrlOf = (hash: string) => (hash ? `${config().appUrl}${LOGO_PATH}?v=${hash.slice(0, 16)}` : null);

async function readRow(client: Db | Tx) {
  return client.organisation.findUnique({ where: { id: 1 }, select: { name: true, address: true, brandColor: true, logoHash: true } });
}

/** null when nothing is set (no logo, no colour): the branded template then looks like the plain one. */
export async function getBranding(client: Db | Tx): Promise<Branding | null> {
  const row = await readRow(client);
  if (!row || (!row.logoHash && !row.brandColor)) return null;
  return { orgName: row.name, address: row.address, logoUrl: logoUrlOf(row.logoHash), accent: accentColor(row.brandColor) };
}

/** What Settings → Branding shows: the stored colour, its contrast with white text and the accent used instead. */
export async function getBrandingSettings(client: Db | Tx): Promise<BrandingSettings> {
  const row = await readRow(client);
  const hex = parseHexColor(row?.brandColor ?? "");
  return {
    brandColor: hex ?? "",
    hasLogo: Boolean(row?.logoHash),
    logoUrl: logoUrlOf(row?.logoHash ?? ""),
    contrast: hex ? contrastWithWhite(hex) : null,
    accent: accentColor(hex ?? ""),
  };
}

/** The stored logo for the public logo URL; null when there is none. */
export async function getLogo(client: Db | Tx): Promise<{ bytes: Uint8Array; type: string; hash: string } | null> {
  const row = await client.organisation.findUnique({ where: { id: 1 }, select: { logo: true, logoType: true, logoHash: true } });
  return row?.logo && row.logoHash ? { bytes: row.logo, type: row.logoType, hash: row.logoHash } : null;
}

/** The branding mails of newsletters with these templates carry: none when every one of them is plain. */
export async function getMailBranding(client: Db | Tx, templates: string[]): Promise<Branding | null> {
  return templates.some((t) => t !== "plain") ? getBranding(client) : null;
}
