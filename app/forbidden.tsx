import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">403: not allowed</h1>
      <p className="mt-3">Your role does not give access to this page.</p>
      <p className="mt-6"><Link href="/admin">Back to the admin home</Link></p>
    </main>
  );
}
