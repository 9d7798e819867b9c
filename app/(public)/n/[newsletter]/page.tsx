import type { Metadata } from "next";
import { getCurrentFormVersion } from "@/lib/consent/get-current-form-version";
import { PublicFormPage } from "../../f/[form]/public-form-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Aanmelden / Subscribe" };

export default async function NewsletterFormPage({ params }: { params: Promise<{ newsletter: string }> }) {
  const { newsletter } = await params;
  return <PublicFormPage current={await getCurrentFormVersion({ newsletterSlug: newsletter })} />;
}
