import { notFound } from "next/navigation";
import { getPublicFormLanguage } from "@/lib/consent/get-current-form-version";
import { ThanksPage } from "../../../f/[form]/public-form-page";

export const dynamic = "force-dynamic";

export default async function NewsletterThanks({ params }: { params: Promise<{ newsletter: string }> }) {
  const { newsletter } = await params;
  const language = await getPublicFormLanguage({ newsletterSlug: newsletter });
  if (!language) notFound();
  return <ThanksPage language={language} formPath={`/n/${newsletter}`} />;
}
