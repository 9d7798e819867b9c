// GET /admin/privacy/register/download?doc=register|privacy&format=md|pdf&lang=nl|en — the processing
// register (AVG art. 30) or the privacy-statement section, generated from the configuration (admins).
import { z } from "zod";
import { route } from "@/lib/http/boundary";
import { translator } from "@/lib/i18n/translator";
import { getProcessingRegisterFacts, renderPrivacySection, renderProcessingRegister } from "@/lib/privacy/processing-register";
import { renderMarkdownPdf } from "@/lib/privacy/markdown-pdf";

export const dynamic = "force-dynamic";

const query = z.object({
  doc: z.enum(["register", "privacy"], { message: "Choose register or privacy." }),
  format: z.enum(["md", "pdf"], { message: "Choose md or pdf." }),
  lang: z.enum(["nl", "en"], { message: "Choose nl or en." }),
});

const FILE = { register: "processing-register", privacy: "privacy-statement-newsletters" } as const;

export const GET = route({ access: "settings.manage", query }, async ({ query: { doc, format, lang } }) => {
  const facts = await getProcessingRegisterFacts();
  const markdown = doc === "register" ? renderProcessingRegister(facts, lang) : renderPrivacySection(facts, lang);
  const file = `${FILE[doc]}-${lang}-${facts.generatedAt.slice(0, 10)}.${format}`;
  const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Disposition": `attachment; filename="${file}"` };
  if (format === "md") return new Response(markdown, { headers: { ...headers, "Content-Type": "text/markdown; charset=utf-8" } });
  const t = translator(lang, "processingRegister");
  const pdf = await renderMarkdownPdf(markdown, { title: t(doc === "register" ? "register.title" : "privacy.title"), locale: lang });
  return new Response(new Uint8Array(pdf), { headers: { ...headers, "Content-Type": "application/pdf" } });
});
