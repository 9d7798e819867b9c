import Link from "next/link";
import { Card } from "@/components/ui";
import { setupTokenState } from "@/lib/auth/setup";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";

export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await setupTokenState(token);
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="mb-6 text-2xl font-semibold">Set up Proofmail</h1>
      <Card>
        {state === "valid" ? (
          <>
            <p className="mb-4 text-sm text-slate-700">Create the first admin account. You are signed in right away.</p>
            <SetupForm token={token} />
          </>
        ) : state === "done" ? (
          <p>Setup is already complete. <Link href="/login">Sign in</Link>.</p>
        ) : (
          <p role="alert">This setup link is {state === "expired" ? "expired" : "no longer valid"}. Restart Proofmail to print a new one.</p>
        )}
      </Card>
    </main>
  );
}
