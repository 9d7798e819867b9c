// Where a failed post of a newsletter page's form lands when it came from another site (see /f/[form]/embed).
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getCurrentFormVersion } from "@/lib/consent/get-current-form-version";
import { openSignupRetry, SIGNUP_RETRY_COOKIE } from "@/lib/consent/signup-retry";
import { PublicFormPage } from "../../../f/[form]/public-form-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Aanmelden / Subscribe", robots: { index: false } };

export default async function NewsletterEmbedRetryPage({ params }: { params: Promise<{ newsletter: string }> }) {
  const { newsletter } = await params;
  const retry = openSignupRetry((await cookies()).get(SIGNUP_RETRY_COOKIE)?.value, `/n/${newsletter}`);
  return <PublicFormPage current={await getCurrentFormVersion({ newsletterSlug: newsletter })} retry={retry} />;
}
