import { mailerKind } from "@/lib/mail/transport";
import { staffTranslator } from "@/lib/i18n/staff-translator";

export const dynamic = "force-dynamic";

export default async function CheckEmail() {
  const t = await staffTranslator("admin.login");
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">{t("checkTitle")}</h1>
      <p className="mt-3">{t("checkText")}</p>
      <p className="mt-3 text-sm text-slate-600" data-testid="where-the-link-is">{mailerKind() === "dev-mailbox" ? t("devMailbox") : t("inbox")}</p>
    </main>
  );
}
