// What GET /confirm/[token] shows. Looking never confirms: mail scanners fetch links, so only the
// button's POST (confirm-signup.ts) does.
import { db } from "../db/index.ts";
import { findToken } from "../security/tokens.ts";
import { formPublicPath } from "./get-current-form-version.ts";
import { readOptinTokenData } from "./optin-token-data.ts";
import type { FormLanguage } from "./form-definition.ts";
import { textsIn, TEXTS } from "../newsletters/newsletter-texts.ts";

export type OptinLink = {
  state: "valid" | "expired" | "used" | "unknown";
  language: FormLanguage | null;
  newsletterNames: string[];
  /** The form's page, to sign up again for a fresh mail (no address is asked here: no enumeration). */
  formPath: string | null;
  /** A parent or guardian confirms for someone under 16 (R-CHILD-UNDER-16): the page addresses them. */
  forChild?: true;
};

export async function getOptinLink({ token, now = new Date() }: { token: string; now?: Date }): Promise<OptinLink> {
  const found = await findToken(db, "optin", token, now);
  if (found.state === "unknown") return { state: "unknown", language: null, newsletterNames: [], formPath: null };
  const data = readOptinTokenData(found.data);
  if (!data) return { state: "unknown", language: null, newsletterNames: [], formPath: null };
  const rows = await db.newsletter.findMany({ where: { id: { in: data.newsletterIds } }, include: { texts: TEXTS } });
  return {
    state: found.state,
    language: data.language,
    // In the signup's language, as the form and the confirmation mail named them.
    newsletterNames: data.newsletterIds.flatMap((id) => rows.filter((r) => r.id === id).map((r) => textsIn(r, data.language).name)),
    formPath: await formPublicPath(data.formId),
    ...(data.givenBy === "parent" ? { forChild: true as const } : {}),
  };
}
