// The plain HTML snippet other sites paste to embed a form: the version's exact lines, one unticked box
// per newsletter, posting to /api/subscribe without JavaScript (which answers with a 303 to our
// thank-you page). It names its FormVersion: once the form has moved on, a signup through an old snippet
// counts only if its text is the current one (lib/rules decideFormVersion); otherwise the visitor is
// shown the current form to consent to what they then see (app/(public)/f/[form]/embed).
import { escapeHtml } from "../util/escape-html.ts";
import type { FormLine } from "./render-form-text.ts";

export function renderEmbedSnippet({ versionId, language, lines, appUrl }: { versionId: string; language: string; lines: FormLine[]; appUrl: string }): string {
  const e = escapeHtml;
  const out: string[] = [
    `<form method="post" action="${e(`${appUrl}/api/subscribe`)}" lang="${e(language)}" accept-charset="utf-8">`,
    `  <input type="hidden" name="formVersionId" value="${e(versionId)}">`,
    `  <div style="position:absolute;left:-10000px" aria-hidden="true"><label>${language === "en" ? "Leave this field empty" : "Laat dit veld leeg"} <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>`,
  ];
  for (const l of lines) {
    switch (l.kind) {
      case "title": out.push(`  <h2>${e(l.text)}</h2>`); break;
      case "checkbox": out.push(`  <p><input type="checkbox" id="pm-${e(l.newsletterId)}" name="newsletter" value="${e(l.newsletterId)}"> <label for="pm-${e(l.newsletterId)}">${e(l.text)}</label></p>`); break;
      case "field": out.push(`  <p><label for="pm-${l.field}">${e(l.text)}</label><br><input id="pm-${l.field}" name="${l.field}" type="${l.field === "name" ? "text" : "email"}"${l.field === "email" ? " required" : ""} maxlength="${l.field === "name" ? 200 : 320}" autocomplete="${l.field === "guardianEmail" ? "off" : l.field}"></p>`); break;
      case "age-option": out.push(`  <p><input type="radio" id="pm-age-${l.value}" name="age" value="${l.value}"> <label for="pm-age-${l.value}">${e(l.text)}</label></p>`); break;
      case "privacy": out.push(`  <p>${e(l.prefix)}<a href="${e(l.href)}">${e(l.href)}</a></p>`); break;
      case "submit": out.push(`  <p><button type="submit">${e(l.text)}</button></p>`); break;
      default: out.push(`  <p>${e(l.text)}</p>`);
    }
  }
  out.push("</form>");
  return out.join("\n");
}
