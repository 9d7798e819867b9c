import { Card } from "@/components/ui";
import { LoginForm } from "./login-form";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="mb-6 text-2xl font-semibold">Sign in to Proofmail</h1>
      <Card>
        {error && <p role="alert" className="mb-4 text-sm text-red-700">That sign-in link is invalid or has expired. Ask for a new one.</p>}
        <LoginForm />
      </Card>
    </main>
  );
}
