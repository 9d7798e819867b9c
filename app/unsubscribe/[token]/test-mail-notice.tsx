// A test mail's unsubscribe link (lib/sending/preview-issue.ts): the unsubscribe page's layout, saying
// what the link does in a real newsletter and that nobody was unsubscribed.
import { Card } from "@/components/ui";
import { translator } from "@/lib/i18n/translator";
import type { Lang } from "@/lib/mail/render-issue";

export function TestMailNotice({ lang, newsletterName }: { lang: Lang; newsletterName: string | null }) {
  const t = translator(lang, "issueImages");
  return (
    <main lang={lang} className="mx-auto max-w-md px-6 py-16">
      <Card>
        <h1 className="mb-4 text-xl font-semibold">{t("testMail.title")}</h1>
        <p role="status" data-testid="test-mail-notice">{t("testMail.unsubscribe", { newsletter: newsletterName ?? t("testMail.unknownNewsletter") })}</p>
      </Card>
    </main>
  );
}
