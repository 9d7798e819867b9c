import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { listDevMailbox } from "@/lib/mail/dev-mailbox";
import { mailerKind } from "@/lib/mail/transport";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";

export const metadata = { title: "Dev mailbox" };

export default async function MailboxPage() {
  await requirePage("mailbox.read");
  const mails = await listDevMailbox(100);
  return (
    <>
      <PageHeader title="Dev mailbox" />
      {mailerKind() === "smtp" && <p className="mb-4 text-sm">SMTP is configured: new mail goes to your SMTP server, not here.</p>}
      <Card>
        {mails.length === 0 ? (
          <p>No mail yet.</p>
        ) : (
          <ScrollRegion label="Dev mailbox"><table className="w-full text-left text-sm">
            <thead><tr><th className="py-2">When</th><th>To</th><th>Subject</th></tr></thead>
            <tbody>
              {mails.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="py-2 pr-4 whitespace-nowrap">{m.date.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="pr-4">{m.to}</td>
                  <td><Link href={`/admin/mailbox/${m.id}`}>{m.subject || "(no subject)"}</Link></td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
