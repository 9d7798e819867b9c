import { requirePage } from "@/lib/auth/guard";
import { Card, PageHeader } from "@/components/ui";
import { NewsletterForm } from "../newsletter-form";
import { listBackends } from "@/lib/mail/backends";
import { languageTextsLabels } from "../language-texts-labels";

export const metadata = { title: "New newsletter" };

export const dynamic = "force-dynamic";

export default async function NewNewsletterPage() {
  await requirePage("newsletters.manage");
  return (
    <>
      <PageHeader title="New newsletter" />
      <Card className="max-w-2xl">
        <NewsletterForm id={null} values={{ slug: "", language: "nl", texts: {}, fromEmail: "", replyTo: "", frequency: "", categories: "", similarMap: "", thirdPartyOffers: false, aimedAtChildren: false, customerProducts: "", publicArchive: false, sendingBackend: "", template: "branded" }} backends={listBackends().map((b) => b.name)} textLabels={languageTextsLabels()} />
      </Card>
    </>
  );
}
