import type { Metadata } from "next";
import { connection } from "next/server";
import { headers } from "next/headers";
import { pageLanguage } from "@/lib/i18n/page-language";
import { PAGE_PATH_HEADER } from "@/lib/i18n/page-path";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Proofmail", template: "%s · Proofmail" }, description: "Newsletters whose every message can be proven lawful." };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next.js can only put the CSP nonce (proxy.ts) on scripts it renders
  // for this request, never on a page prerendered at build time.
  await connection();
  // Only an attribute: a page whose data cannot be read says so itself.
  const h = await headers();
  const lang = await pageLanguage(h.get(PAGE_PATH_HEADER) ?? "/", h.get("accept-language")).catch(() => "en");
  return (
    <html lang={lang}>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
