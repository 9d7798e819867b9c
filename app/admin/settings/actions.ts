"use server";
import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guard";
import { updateOrganisation } from "@/lib/settings/update-organisation";

export type SettingsState = { errors?: Record<string, string>; notice?: string };

const str = (f: FormData, k: string) => (typeof f.get(k) === "string" ? (f.get(k) as string) : "");

export const saveSettingsAction = protectedAction("settings.manage", async (staff, _prev: SettingsState, form: FormData): Promise<SettingsState> => {
  const months = str(form, "customerWindowMonths").trim();
  const r = await updateOrganisation({
    actor: { id: staff.id, email: staff.email },
    input: {
      name: str(form, "name"), address: str(form, "address"), contactEmail: str(form, "contactEmail"),
      privacyUrl: str(form, "privacyUrl"), dpoContact: str(form, "dpoContact"),
      requireDoubleOptIn: form.get("requireDoubleOptIn") === "on",
      customerWindowMonths: months === "" ? null : Number(months),
      isCharity: form.get("isCharity") === "on",
    },
  });
  if (!r.ok) return { errors: r.errors };
  revalidatePath("/admin/settings");
  return { notice: "Saved. Signup forms show the new details as a new version the next time they are opened." };
});
