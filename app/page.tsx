import Link from "next/link";

export default function Home() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold">Proofmail</h1>
      <p className="mt-4 text-lg text-slate-700">
        Newsletters whose every message can be proven lawful: per-newsletter consent with the exact text people agreed to,
        double opt-in, one-click unsubscribe, and a send gate that checks the law for every recipient.
      </p>
      <p className="mt-8">
        <Link href="/admin" className="rounded-md bg-indigo-700 px-4 py-2 text-white no-underline hover:bg-indigo-800">Sign in to the admin</Link>
      </p>
    </main>
  );
}
