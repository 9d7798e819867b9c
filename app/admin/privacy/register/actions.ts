"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/http/boundary";
import { addGeneratedSectionToDraft } from "@/lib/privacy/add-generated-section";

export const addSectionToDraftAction = action(
  { access: "settings.manage", input: z.tuple([z.enum(["nl", "en"])]).rest(z.unknown()) },
  async ({ staff }, language): Promise<void> => {
    const r = await addGeneratedSectionToDraft({ language, staffId: staff.id });
    // Fixed texts on the page, never a message carried in the URL.
    redirect(r.ok ? "/admin/privacy" : `/admin/privacy/register?lang=${language}&error=draft`);
  },
);
