import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Proofmail", template: "%s · Proofmail" }, description: "Newsletters whose every message can be proven lawful." };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next.js can only put the CSP nonce (proxy.ts) on scripts it renders
  // for this request, never on a page prerendered at build time.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
