import type { Metadata } from "next";
import { getCurrentFormVersion } from "@/lib/consent/get-current-form-version";
import { PublicFormPage } from "./public-form-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Aanmelden / Subscribe" };

export default async function FormPage({ params }: { params: Promise<{ form: string }> }) {
  const { form } = await params;
  return <PublicFormPage current={await getCurrentFormVersion({ formSlug: form })} />;
}
