export default function CheckEmail() {
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="mt-3">If this address belongs to a Proofmail account, a sign-in link is on its way. It works once, for 15 minutes.</p>
      <p className="mt-3 text-sm text-slate-600">Without an SMTP server configured, the email is in the dev mailbox (printed on the server console at start-up).</p>
    </main>
  );
}
