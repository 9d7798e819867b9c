import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Proofmail", template: "%s · Proofmail" }, description: "Newsletters whose every message can be proven lawful." };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
