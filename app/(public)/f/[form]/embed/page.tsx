// Where a failed post of the form's embed snippet lands (/api/subscribe answers 303 here): the form
// page with what went wrong and what the visitor typed (lib/consent/signup-retry.ts).
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getCurrentFormVersion } from "@/lib/consent/get-current-form-version";
import { openSignupRetry, SIGNUP_RETRY_COOKIE } from "@/lib/consent/signup-retry";
import { PublicFormPage } from "../public-form-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Aanmelden / Subscribe", robots: { index: false } };

export default async function EmbedRetryPage({ params }: { params: Promise<{ form: string }> }) {
  const { form } = await params;
  const retry = openSignupRetry((await cookies()).get(SIGNUP_RETRY_COOKIE)?.value, `/f/${form}`);
  return <PublicFormPage current={await getCurrentFormVersion({ formSlug: form })} retry={retry} />;
}
