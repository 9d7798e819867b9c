// Creates a signup form (admin) with a plain-language starting draft; it is published separately.
import { z } from "zod";
import { db, Prisma } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { getOrganisation } from "../settings/get-organisation.ts";
import { SLUG } from "../newsletters/newsletter-input.ts";
import { defaultFormDraft } from "./form-definition.ts";

const schema = z.object({
  slug: z.string().trim().toLowerCase().min(2, "At least 2 characters.").max(60).regex(SLUG, "Use lower-case letters, digits and single hyphens, e.g. spring-signup."),
  name: z.string().trim().min(1, "Enter a name.").max(120).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Use one line of text."),
  language: z.enum(["nl", "en"]),
  newsletterIds: z.array(z.string().regex(/^[a-z0-9]{1,64}$/)).max(20),
});

export type CreateFormResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

export async function createForm({ input, actor }: { input: unknown; actor: AuditActor }): Promise<CreateFormResult> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  const { slug, name, language, newsletterIds } = parsed.data;
  const known = await db.newsletter.count({ where: { id: { in: newsletterIds }, archivedAt: null } });
  if (known !== new Set(newsletterIds).size) return { ok: false, errors: { newsletterIds: "Choose existing newsletters." } };
  const organisation = await getOrganisation(db);
  const draft = defaultFormDraft({ language, organisationName: organisation.name, newsletterIds: [...new Set(newsletterIds)] });
  try {
    const form = await db.$transaction(async (tx) => {
      const row = await tx.form.create({ data: { slug, name, language, draft } });
      await audit(tx, actor, "form.create", row.id, { slug });
      return row;
    });
    return { ok: true, id: form.id };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return { ok: false, errors: { slug: "Another form already uses this slug." } };
    throw err;
  }
}
