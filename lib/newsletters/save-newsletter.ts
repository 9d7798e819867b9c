// Creates or updates a newsletter (admin). Signup forms that offer it show the new name/description
// as a new FormVersion the next time they are shown; existing consents keep their old version.
import { db, Prisma } from "../db/index.ts";
import { audit, type AuditActor } from "../audit/log.ts";
import { newsletterInputSchema } from "./newsletter-input.ts";

export type SaveNewsletterResult = { ok: true; id: string; slug: string } | { ok: false; errors: Record<string, string> };

export async function saveNewsletter({ id, input, actor }: { id?: string | null; input: unknown; actor: AuditActor }): Promise<SaveNewsletterResult> {
  const parsed = newsletterInputSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  const data = { ...parsed.data, similarMap: (parsed.data.similarMap ?? Prisma.DbNull) as never };
  try {
    return await db.$transaction(async (tx) => {
      if (id) {
        const existing = await tx.newsletter.findUnique({ where: { id } });
        if (!existing) return { ok: false as const, errors: { form: "This newsletter no longer exists." } };
        const row = await tx.newsletter.update({ where: { id }, data });
        await audit(tx, actor, "newsletter.update", row.id, { slug: row.slug });
        return { ok: true as const, id: row.id, slug: row.slug };
      }
      const row = await tx.newsletter.create({ data });
      await audit(tx, actor, "newsletter.create", row.id, { slug: row.slug });
      return { ok: true as const, id: row.id, slug: row.slug };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return { ok: false, errors: { slug: "Another newsletter already uses this slug." } };
    throw err;
  }
}
