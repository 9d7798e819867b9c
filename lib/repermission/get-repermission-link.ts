// What GET /r/[token] shows: the purpose the person agreed to and the new one. Looking never accepts
// (mail scanners fetch links); only the page's button POSTs (accept-repermission.ts).
import { db } from "../db/index.ts";
import { findToken } from "../security/tokens.ts";
import { readRepermissionToken } from "./read-repermission-token.ts";

export type ShownPurpose = { version: number; name: string; description: string; categories: string[]; fromName: string; fromEmail: string; thirdPartyOffers: boolean; aimedAtChildren: boolean };

export type RepermissionLink =
  | { state: "valid" | "used" | "expired"; language: "nl" | "en"; newsletterName: string; agreed: ShownPurpose; current: ShownPurpose }
  | { state: "unknown" };

const shown = (p: { version: number; name: string; description: string; categories: unknown; fromName: string; fromEmail: string; thirdPartyOffers: boolean; aimedAtChildren: boolean }): ShownPurpose => ({
  version: p.version, name: p.name, description: p.description, fromName: p.fromName, fromEmail: p.fromEmail,
  thirdPartyOffers: p.thirdPartyOffers, aimedAtChildren: p.aimedAtChildren,
  categories: Array.isArray(p.categories) ? p.categories.filter((c): c is string => typeof c === "string") : [],
});

export async function getRepermissionLink({ token, now = new Date() }: { token: string; now?: Date }): Promise<RepermissionLink> {
  const found = await findToken(db, "repermission", token, now);
  if (found.state === "unknown") return { state: "unknown" };
  const data = readRepermissionToken(found.data);
  if (!data) return { state: "unknown" };
  const versions = await db.purposeVersion.findMany({ where: { id: { in: [data.fromPurposeVersionId, data.toPurposeVersionId] }, newsletterId: data.newsletterId } });
  const from = versions.find((v) => v.id === data.fromPurposeVersionId);
  const to = versions.find((v) => v.id === data.toPurposeVersionId);
  const newsletter = await db.newsletter.findUnique({ where: { id: data.newsletterId }, select: { name: true } });
  if (!from || !to || !newsletter) return { state: "unknown" };
  return { state: found.state, language: data.language, newsletterName: newsletter.name, agreed: shown(from), current: shown(to) };
}
