// Whether an edit of a newsletter's purpose is material (consent given under the earlier purpose no longer
// covers it: R-CONSENT-PER-NEWSLETTER, R-CONSENT-INFORMED) or cosmetic (allowed and logged, consent stands).
//
// Material: a category added; third-party offers switched on; "aimed at children" changed either way; the
// name or description changed beyond a typo; the From address changed; the sender name changed beyond a typo.
// Cosmetic: a typo-sized text edit; categories only removed (narrowing); third-party offers switched off.
//
// Typo-sized, plainly: after ignoring case, white space and punctuation the two texts are equal, or they
// have the same digits and differ by at most 2 single-character edits (insert, delete, replace, or swap
// two neighbours) that are at most 10 % of the longer text. So "Fietsnieuws" → "Fietsnieuws!" or "Fietsneiuws" is a typo; "Bikes" → "Bakes",
// "10% korting" → "50% korting" or a new sentence is not.
//
// A newsletter that speaks more than one language has its name, description and sender name per language
// (`texts`, an empty text meaning the primary one): each language's text is judged the same way, against
// what a reader of that language saw before, so a change in any language counts.

export type PurposeFields = {
  name: string;
  description: string;
  categories: string[];
  fromName: string;
  fromEmail: string;
  thirdPartyOffers: boolean;
  aimedAtChildren: boolean;
  /** The texts in other languages that have their own ("" = the primary text); absent when none do. */
  texts?: Record<string, LanguageTexts>;
};

export type LanguageTexts = { name: string; description: string; fromName: string };

export type PurposeField = keyof PurposeFields;
export type PurposeChangeKind = "none" | "cosmetic" | "material";

export type PurposeFieldChange = {
  field: PurposeField; change: "cosmetic" | "material"; ruleId: string; why: string;
  /** Set for a change of the text in a language other than the primary one. */
  language?: string;
};

export type PurposeChange = {
  change: PurposeChangeKind;
  /** The rule IDs behind the material changes (empty unless material). */
  ruleIds: string[];
  fields: PurposeFieldChange[];
};

const TYPO_MAX_EDITS = 2;
const TYPO_MAX_SHARE = 0.1;

/** Case, white space and punctuation (Unicode letters and digits are what counts). */
function core(s: string): string {
  return s.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

// Optimal string alignment distance: insert, delete, substitute, or swap two neighbours, each one edit.
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > cap) return cap + 1; // no cheaper path left
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** "none" for identical text, "cosmetic" for a typo-sized edit, else "material". */
export function textChange(prev: string, next: string): PurposeChangeKind {
  if (prev === next) return "none";
  const a = core(prev);
  const b = core(next);
  if (a === b) return "cosmetic";
  const digits = (s: string) => s.replace(/\D+/g, "");
  if (digits(a) !== digits(b)) return "material";
  const d = editDistance(a, b, TYPO_MAX_EDITS);
  return d <= TYPO_MAX_EDITS && d <= TYPO_MAX_SHARE * Math.max(a.length, b.length) ? "cosmetic" : "material";
}

const norm = (c: string) => c.trim().toLowerCase();

/** Classifies the change from `prev` to `next` (catalogue R-CONSENT-PER-NEWSLETTER, R-CONSENT-INFORMED). */
export function classifyPurposeChange(prev: PurposeFields, next: PurposeFields): PurposeChange {
  const fields: PurposeFieldChange[] = [];
  const add = (field: PurposeField, change: "cosmetic" | "material", ruleId: string, why: string, language?: string) =>
    fields.push({ field, change, ruleId, why, ...(language ? { language } : {}) });

  for (const field of ["name", "description"] as const) {
    const c = textChange(prev[field], next[field]);
    if (c !== "none") add(field, c, "R-CONSENT-PER-NEWSLETTER", c === "material" ? "topic text changed" : "typo-sized edit");
  }
  // Per other language: what its readers saw (its own text, else the primary one) before and after. A
  // language that used the primary text on both sides is covered by the primary comparison.
  for (const language of new Set([...Object.keys(prev.texts ?? {}), ...Object.keys(next.texts ?? {})])) {
    const before = prev.texts?.[language];
    const after = next.texts?.[language];
    for (const field of ["name", "description", "fromName"] as const) {
      if (!before?.[field] && !after?.[field]) continue;
      const c = textChange(before?.[field] || prev[field], after?.[field] || next[field]);
      if (c === "none") continue;
      const [ruleId, what] = field === "fromName" ? ["R-CONSENT-INFORMED", "sender name changed"] : ["R-CONSENT-PER-NEWSLETTER", "topic text changed"];
      add(field, c, ruleId, c === "material" ? `${what} (${language})` : `typo-sized edit (${language})`, language);
    }
  }
  const before = new Set(prev.categories.map(norm));
  const after = new Set(next.categories.map(norm));
  const added = [...after].filter((c) => !before.has(c));
  const removed = [...before].filter((c) => !after.has(c));
  if (added.length) add("categories", "material", "R-CONSENT-PER-NEWSLETTER", `category added: ${added.join(", ")}`);
  else if (removed.length) add("categories", "cosmetic", "R-CONSENT-PER-NEWSLETTER", `category removed: ${removed.join(", ")}`);

  if (norm(prev.fromEmail) !== norm(next.fromEmail)) add("fromEmail", "material", "R-CONSENT-INFORMED", "sender address changed");
  else if (prev.fromEmail !== next.fromEmail) add("fromEmail", "cosmetic", "R-CONSENT-INFORMED", "sender address spelled differently");
  const sender = textChange(prev.fromName, next.fromName);
  if (sender !== "none") add("fromName", sender, "R-CONSENT-INFORMED", sender === "material" ? "sender name changed" : "typo-sized edit");

  if (!prev.thirdPartyOffers && next.thirdPartyOffers) add("thirdPartyOffers", "material", "R-HOSTMAILING", "third-party offers switched on");
  if (prev.thirdPartyOffers && !next.thirdPartyOffers) add("thirdPartyOffers", "cosmetic", "R-HOSTMAILING", "third-party offers switched off");
  if (prev.aimedAtChildren !== next.aimedAtChildren) add("aimedAtChildren", "material", "R-CONSENT-INFORMED", "audience (children) changed");

  const material = fields.filter((f) => f.change === "material");
  return {
    change: material.length ? "material" : fields.length ? "cosmetic" : "none",
    ruleIds: [...new Set(material.map((f) => f.ruleId))],
    fields,
  };
}
