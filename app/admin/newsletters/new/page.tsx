import { requirePage } from "@/lib/auth/guard";
import { Card, PageHeader } from "@/components/ui";
import { NewsletterForm } from "../newsletter-form";
import { listBackends } from "@/lib/mail/backends";
import { languageTextsLabels } from "../language-texts-labels";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.newsletters.new");

export const dynamic = "force-dynamic";

export default async function NewNewsletterPage() {
  await requirePage("newsletters.manage");
  const t = await staffTranslator("admin.newsletters");
  return (
    <>
      <PageHeader title={t("new")} />
      <Card className="max-w-2xl">
        <NewsletterForm id={null} values={{ slug: "", language: "nl", texts: {}, fromEmail: "", replyTo: "", frequency: "", categories: "", similarMap: "", thirdPartyOffers: false, aimedAtChildren: false, customerProducts: "", publicArchive: false, sendingBackend: "", template: "branded" }} backends={listBackends().map((b) => b.name)} textLabels={languageTextsLabels()} />
      </Card>
    </>
  );
}
