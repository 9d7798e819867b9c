import { mailerKind } from "@/lib/mail/transport";

export const dynamic = "force-dynamic";

export default function CheckEmail() {
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="mt-3">If this address belongs to a Proofmail account, a sign-in link is on its way. It works once, for 15 minutes.</p>
      {mailerKind() === "dev-mailbox" ? (
        <p className="mt-3 text-sm text-slate-600" data-testid="where-the-link-is">
          {"No mail server is set up (SMTP_URL), so the link is printed in the terminal where Proofmail runs (a line starting with 'proofmail: mail to')."}
        </p>
      ) : (
        <p className="mt-3 text-sm text-slate-600" data-testid="where-the-link-is">The email goes to that address: check your inbox (and the spam folder).</p>
      )}
    </main>
  );
}
