// /privacy/v/N: one published version, as it was, saying when it was in force and whether a newer one
// exists. What a form version links to, and what proofs cite.
import { notFound } from "next/navigation";
import { translator } from "@/lib/i18n/translator";
import { statementVersionPage } from "@/lib/privacy/privacy-page";
import { versionNumber } from "@/lib/privacy/visitor-language";
import { StatementView } from "../../statement-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ version: string }> };

export async function generateMetadata({ params }: Props) {
  const n = versionNumber((await params).version);
  const page = n ? await statementVersionPage(n) : null;
  if (!page) return { title: "Not found" };
  return { title: `${translator(page.statement.language, "privacy")("title")} v${page.statement.version}` };
}

export default async function PrivacyVersionPage({ params }: Props) {
  const n = versionNumber((await params).version);
  const page = n ? await statementVersionPage(n) : null;
  if (!page) notFound();
  return <StatementView page={page} heading="version" />;
}
