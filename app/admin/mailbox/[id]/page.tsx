import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { readDevMail } from "@/lib/mail/dev-mailbox";
import { Card, PageHeader } from "@/components/ui";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.mailbox.messageTitle");

export default async function MailPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage("mailbox.read");
  const mail = await readDevMail((await params).id);
  if (!mail) notFound();
  const t = await staffTranslator("admin.mailbox");
  return (
    <>
      <PageHeader title={mail.subject || t("noSubject")} />
      <Card className="mb-4">
        <dl className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-1 text-sm">
          {Object.entries(mail.headers).map(([k, v]) => (
            <div key={k} className="contents"><dt className="font-medium">{k}</dt><dd className="break-all">{v}</dd></div>
          ))}
        </dl>
      </Card>
      {mail.html && (
        <Card className="mb-4">
          <h2 className="mb-2 font-medium">{t("html")}</h2>
          {/* sandboxed: the message's own HTML never runs in the admin's origin */}
          <iframe title={t("html")} sandbox="" srcDoc={mail.html} className="h-[32rem] w-full border" />
        </Card>
      )}
      <Card>
        <h2 className="mb-2 font-medium">{t("text")}</h2>
        <pre data-testid="mail-text" className="whitespace-pre-wrap text-sm">{mail.text}</pre>
      </Card>
    </>
  );
}
