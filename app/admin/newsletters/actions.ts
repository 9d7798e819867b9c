"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
import { saveNewsletter } from "@/lib/newsletters/save-newsletter";
import { archiveNewsletter } from "@/lib/newsletters/archive-newsletter";
import { parseSimilarMap } from "@/lib/newsletters/newsletter-input";
import { queueRepermission } from "@/lib/repermission/queue-repermission";

import type { NewsletterValues } from "./newsletter-form";

export type NewsletterState = { errors?: Record<string, string>; notice?: string; values?: NewsletterValues };

const str = (f: FormData, k: string) => (typeof f.get(k) === "string" ? (f.get(k) as string) : "");
const list = (f: FormData, k: string) => str(f, k).split(",").map((s) => s.trim()).filter(Boolean);

const PURPOSE_NOTICE = {
  material: (r: number) => `Saved. This changed the newsletter's purpose (now revision ${r}): people who agreed to an earlier revision are not sent issues until they accept the new purpose.`,
  cosmetic: () => "Saved. A small edit of the purpose (logged); existing consent still covers it.",
  initial: () => "Saved.",
};

export const saveNewsletterAction = protectedAction("newsletters.manage", async (staff, id: string | null, _prev: NewsletterState, form: FormData): Promise<NewsletterState> => {
  // What was typed, so a form that fails validation shows it again.
  const typed: NewsletterValues = {
    slug: str(form, "slug"), name: str(form, "name"), description: str(form, "description"), language: str(form, "language"),
    fromName: str(form, "fromName"), fromEmail: str(form, "fromEmail"), replyTo: str(form, "replyTo"), frequency: str(form, "frequency"),
    categories: str(form, "categories"), similarMap: str(form, "similarMap"), customerProducts: str(form, "customerProducts"),
    thirdPartyOffers: form.get("thirdPartyOffers") === "on", aimedAtChildren: form.get("aimedAtChildren") === "on",
  };
  const similar = parseSimilarMap(str(form, "similarMap"));
  if (similar && "error" in similar) return { errors: { similarMap: similar.error as string }, values: typed };
  const r = await saveNewsletter({
    id,
    actor: { id: staff.id, email: staff.email },
    input: {
      slug: str(form, "slug"), name: str(form, "name"), description: str(form, "description"), language: str(form, "language"),
      fromName: str(form, "fromName"), fromEmail: str(form, "fromEmail"), replyTo: str(form, "replyTo"), frequency: str(form, "frequency"),
      categories: list(form, "categories"),
      similarMap: similar,
      thirdPartyOffers: form.get("thirdPartyOffers") === "on",
      aimedAtChildren: form.get("aimedAtChildren") === "on",
      customerProducts: list(form, "customerProducts"),
    },
  });
  if (!r.ok) return { errors: r.errors, values: typed };
  revalidatePath("/admin/newsletters");
  if (!id) redirect(`/admin/newsletters/${r.id}`);
  revalidatePath(`/admin/newsletters/${id}`);
  return { notice: r.purpose ? PURPOSE_NOTICE[r.purpose.change](r.purpose.revision) : "Saved." };
});

export const sendRepermissionAction = protectedAction("newsletters.manage", async (staff, id: string): Promise<void> => {
  await queueRepermission({ newsletterId: id, actor: { id: staff.id, email: staff.email } });
  redirect(`/admin/newsletters/${id}?repermission=queued`);
});

export const archiveNewsletterAction = protectedAction("newsletters.manage", async (staff, id: string, archived: boolean): Promise<void> => {
  await archiveNewsletter({ id, archived, actor: { id: staff.id, email: staff.email } });
  revalidatePath(`/admin/newsletters/${id}`);
});
