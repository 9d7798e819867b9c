import Link from "next/link";
import { Card } from "@/components/ui";
import { setupTokenState } from "@/lib/auth/setup";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const generateMetadata = staffTitle("admin.setup.title");

export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [state, t] = await Promise.all([setupTokenState(token), staffTranslator("admin.setup")]);
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="mb-6 text-2xl font-semibold">{t("heading")}</h1>
      <Card>
        {state === "valid" ? (
          <>
            <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
            <SetupForm token={token} />
          </>
        ) : state === "done" ? (
          <p>{t("done")} <Link href="/login">{t("signIn")}</Link>.</p>
        ) : (
          <p role="alert">{state === "expired" ? t("expired") : t("invalid")}</p>
        )}
      </Card>
    </main>
  );
}
