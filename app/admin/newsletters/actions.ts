"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
import { saveNewsletter } from "@/lib/newsletters/save-newsletter";
import { archiveNewsletter } from "@/lib/newsletters/archive-newsletter";
import { parseSimilarMap } from "@/lib/newsletters/newsletter-input";

export type NewsletterState = { errors?: Record<string, string>; notice?: string };

const str = (f: FormData, k: string) => (typeof f.get(k) === "string" ? (f.get(k) as string) : "");

export const saveNewsletterAction = protectedAction("newsletters.manage", async (staff, id: string | null, _prev: NewsletterState, form: FormData): Promise<NewsletterState> => {
  const similar = parseSimilarMap(str(form, "similarMap"));
  if (similar && "error" in similar) return { errors: { similarMap: similar.error as string } };
  const r = await saveNewsletter({
    id,
    actor: { id: staff.id, email: staff.email },
    input: {
      slug: str(form, "slug"), name: str(form, "name"), description: str(form, "description"), language: str(form, "language"),
      fromName: str(form, "fromName"), fromEmail: str(form, "fromEmail"), replyTo: str(form, "replyTo"), frequency: str(form, "frequency"),
      categories: str(form, "categories").split(",").map((s) => s.trim()).filter(Boolean),
      similarMap: similar,
      aimedAtChildren: form.get("aimedAtChildren") === "on",
    },
  });
  if (!r.ok) return { errors: r.errors };
  revalidatePath("/admin/newsletters");
  if (!id) redirect(`/admin/newsletters/${r.id}`);
  return { notice: "Saved." };
});

export const archiveNewsletterAction = protectedAction("newsletters.manage", async (staff, id: string, archived: boolean): Promise<void> => {
  await archiveNewsletter({ id, archived, actor: { id: staff.id, email: staff.email } });
  revalidatePath(`/admin/newsletters/${id}`);
});
