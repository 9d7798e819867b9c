// The fields of a newsletter that make up its purpose (what people are told they consent to), read from a
// Newsletter or PurposeVersion row, and their content hash (what a PurposeVersion is an immutable copy of).
import type { PurposeFields } from "../rules/index.ts";
import { canonicalJson } from "../util/canonical-json.ts";
import { sha256 } from "../util/hash.ts";

type PurposeRow = {
  name: string; description: string; categories: unknown; fromName: string; fromEmail: string;
  thirdPartyOffers: boolean; aimedAtChildren: boolean;
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function purposeFieldsOf(row: PurposeRow): PurposeFields {
  return {
    name: row.name, description: row.description, categories: strings(row.categories), fromName: row.fromName,
    fromEmail: row.fromEmail, thirdPartyOffers: row.thirdPartyOffers, aimedAtChildren: row.aimedAtChildren,
  };
}

export const purposeContentHash = (fields: PurposeFields) => sha256(canonicalJson(fields));
