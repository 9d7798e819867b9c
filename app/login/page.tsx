import { Card } from "@/components/ui";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";
import { LoginForm } from "./login-form";

export const generateMetadata = staffTitle("admin.login.title");

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const t = await staffTranslator("admin.login");
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="mb-6 text-2xl font-semibold">{t("heading")}</h1>
      <Card>
        {error && <p role="alert" className="mb-4 text-sm text-red-700">{t("linkInvalid")}</p>}
        <LoginForm />
      </Card>
    </main>
  );
}
