"use server";
import { staffTranslator } from "@/lib/i18n/staff-translator";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, checkbox, fields, prevState, text } from "@/lib/http/boundary";
import { updateOrganisation } from "@/lib/settings/update-organisation";

export type SettingsState = { errors?: Record<string, string>; notice?: string };

const settingsFields = fields({
  name: text(1000), address: text(5000), contactEmail: text(1000), privacyUrl: text(5000), dpoContact: text(5000),
  requireDoubleOptIn: checkbox(), customerWindowMonths: text(20), isCharity: checkbox(),
  hostingProvider: text(1000), emailProvider: text(1000),
});

export const saveSettingsAction = action(
  {
    access: "settings.manage",
    input: z.tuple([prevState<SettingsState>(), settingsFields]),
    invalid: (e): SettingsState => ({ errors: { [e.extra.field ?? "name"]: e.message } }),
  },
  async ({ staff }, _prev, form): Promise<SettingsState> => {
  const months = form.customerWindowMonths.trim();
  const r = await updateOrganisation({
    actor: { id: staff.id, email: staff.email },
    input: {
      name: form.name, address: form.address, contactEmail: form.contactEmail, privacyUrl: form.privacyUrl, dpoContact: form.dpoContact,
      requireDoubleOptIn: form.requireDoubleOptIn,
      customerWindowMonths: months === "" ? null : Number(months),
      isCharity: form.isCharity,
      hostingProvider: form.hostingProvider, emailProvider: form.emailProvider,
    },
  });
  if (!r.ok) return { errors: r.errors };
  revalidatePath("/admin/settings");
  return { notice: (await staffTranslator("admin.settings.form"))("saved") };
  },
);
