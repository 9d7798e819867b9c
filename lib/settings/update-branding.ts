// Saves Settings → Branding: the brand colour and the logo (or its removal). The logo's type is sniffed from
// its bytes (PNG, JPEG, WebP; SVG can carry script and is refused) and it is size-limited before anything is written.
import { createHash } from "node:crypto";
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { MAX_LOGO_BYTES, parseHexColor, sniffLogo } from "./branding.ts";

/** Field → key of the message in the `branding` namespace. */
export type BrandingErrors = Partial<Record<"brandColor" | "logo", "colorInvalid" | "logoType" | "logoSize">>;

export type BrandingInput = { brandColor: string; logo: Uint8Array | null; removeLogo: boolean };

export async function updateBranding({ input, actor }: { input: BrandingInput; actor: AuditActor }): Promise<{ ok: true } | { ok: false; errors: BrandingErrors }> {
  const errors: BrandingErrors = {};
  const color = input.brandColor.trim() === "" ? "" : parseHexColor(input.brandColor);
  if (color === null) errors.brandColor = "colorInvalid";
  const logo = input.logo && input.logo.byteLength > 0 ? input.logo : null;
  const type = logo ? sniffLogo(logo) : null;
  if (logo && logo.byteLength > MAX_LOGO_BYTES) errors.logo = "logoSize";
  else if (logo && !type) errors.logo = "logoType";
  if (color === null || errors.logo) return { ok: false, errors };

  const logoData = logo && type
    ? { logo: Buffer.from(logo), logoType: type, logoHash: createHash("sha256").update(logo).digest("hex") }
    : input.removeLogo ? { logo: null, logoType: "", logoHash: "" } : {};
  const data = { brandColor: color, ...logoData };
  await db.$transaction(async (tx) => {
    await tx.organisation.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await audit(tx, actor, "settings.branding", "organisation", {
      brandColor: color, logo: logo ? "uploaded" : input.removeLogo ? "removed" : "unchanged", ...(logo ? { logoHash: logoData.logoHash ?? "", bytes: logo.byteLength } : {}),
    });
  });
  return { ok: true };
}
