import { notFound } from "next/navigation";
import { getPublicFormLanguage } from "@/lib/consent/get-current-form-version";
import { ThanksPage } from "../public-form-page";

export const dynamic = "force-dynamic";

export default async function FormThanks({ params }: { params: Promise<{ form: string }> }) {
  const { form } = await params;
  const language = await getPublicFormLanguage({ formSlug: form });
  if (!language) notFound();
  return <ThanksPage language={language} formPath={`/f/${form}`} />;
}
