import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { listDevMailbox } from "@/lib/mail/dev-mailbox";
import { mailerKind } from "@/lib/mail/transport";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.mailbox.title");

export default async function MailboxPage() {
  await requirePage("mailbox.read");
  const [mails, t] = await Promise.all([listDevMailbox(100), staffTranslator("admin.mailbox")]);
  return (
    <>
      <PageHeader title={t("title")} />
      {mailerKind() === "smtp" && <p className="mb-4 text-sm">{t("smtp")}</p>}
      <Card>
        {mails.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ScrollRegion label={t("title")}><table className="w-full text-left text-sm">
            <thead><tr><th className="py-2">{t("col.when")}</th><th>{t("col.to")}</th><th>{t("col.subject")}</th></tr></thead>
            <tbody>
              {mails.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="py-2 pr-4 whitespace-nowrap">{m.date.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="pr-4">{m.to}</td>
                  <td><Link href={`/admin/mailbox/${m.id}`}>{m.subject || t("noSubject")}</Link></td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
