// Saves the organisation settings (controller identity, privacy link, contact, DOI policy). Forms pick the
// change up as a new FormVersion the next time they are shown (lib/consent/get-current-form-version).
import { z } from "zod";
import { db } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import type { Organisation } from "./get-organisation.ts";

// One line of text: no control characters (they would reach mail headers and footers).
const line = (max: number) => z.string().trim().max(max).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must be one line of text");

export const organisationSchema = z.object({
  name: line(200).min(1, "Enter the organisation's name."),
  address: line(300),
  contactEmail: line(254).transform((s, ctx) => {
    if (s === "") return s;
    const r = normaliseEmail(s);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
    return r.ok ? r.email : s;
  }),
  privacyUrl: line(500).refine((s) => s === "" || /^https?:\/\/[^\s/]+\S*$/i.test(s), "Enter a full link starting with https://"),
  dpoContact: line(300).transform((s) => (s === "" ? null : s)),
  requireDoubleOptIn: z.boolean(),
  customerWindowMonths: z.number().int().min(1).max(600).nullable(),
  isCharity: z.boolean(),
  // Named in the processing register (lib/privacy); empty stays "not filled in".
  hostingProvider: line(200).default(""),
  emailProvider: line(200).default(""),
});

export type OrganisationInput = z.input<typeof organisationSchema>;

export type UpdateOrganisationResult = { ok: true; organisation: Organisation } | { ok: false; errors: Record<string, string> };

export async function updateOrganisation({ input, actor }: { input: unknown; actor: AuditActor }): Promise<UpdateOrganisationResult> {
  const parsed = organisationSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  const data = parsed.data;
  await db.$transaction(async (tx) => {
    await tx.organisation.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await audit(tx, actor, "settings.update", "organisation", { fields: Object.keys(data) });
  });
  return { ok: true, organisation: data };
}
