"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, checkbox, fields, prevState, text } from "@/lib/http/boundary";
import { translator } from "@/lib/i18n/translator";
import { updateBranding } from "@/lib/settings/update-branding";

export type BrandingState = { errors?: Record<string, string>; notice?: string };

const brandingFields = fields({ brandColor: text(50), removeLogo: checkbox(), logo: z.instanceof(File).optional() });

export const saveBrandingAction = action(
  {
    access: "settings.manage",
    input: z.tuple([prevState<BrandingState>(), brandingFields]),
    invalid: (e): BrandingState => ({ errors: { [e.extra.field ?? "brandColor"]: e.message } }),
  },
  async ({ staff }, _prev, form): Promise<BrandingState> => {
    const t = translator("en", "branding"); // staff pages are English (lib/i18n/page-language.ts)
    const logo = form.logo && form.logo.size > 0 ? new Uint8Array(await form.logo.arrayBuffer()) : null;
    const r = await updateBranding({ actor: { id: staff.id, email: staff.email }, input: { brandColor: form.brandColor, removeLogo: form.removeLogo, logo } });
    if (!r.ok) return { errors: Object.fromEntries(Object.entries(r.errors).map(([field, key]) => [field, t(key)])) };
    revalidatePath("/admin/settings");
    return { notice: t("saved") };
  },
);
