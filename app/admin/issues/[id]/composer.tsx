"use client";
// The composer: Markdown with subject and preheader, and a live preview of both parts of the email,
// rendered by the server with the real template as you type; below it, the issue's declaration.
import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { bindAction } from "@/lib/util/bind-action";
import { Button, Field, Notice } from "@/components/ui";
import { saveIssueAction, type FormState } from "../actions";
import { DeclarationForm, type DeclarationState } from "./declaration-form";
import { ImageUpload, type ImageUploadLabels } from "./image-upload";

type Content = { subject: string; preheader: string; bodyMarkdown: string };
type Preview = { html: string; text: string; subject: string } | null;

export function Composer({ issueId, initial, initialPreview, declaration, imageLabels }: { issueId: string; initial: Content; initialPreview: Preview; declaration: DeclarationState; imageLabels: ImageUploadLabels }) {
  const t = useTranslations("admin.issues.composer");
  const [state, action, pending] = useActionState<FormState, FormData>(bindAction(saveIssueAction, issueId), {});
  const [content, setContent] = useState(initial);
  const [preview, setPreview] = useState<Preview>(initialPreview);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [tab, setTab] = useState<"html" | "text">("html");
  const seq = useRef(0);
  const body = useRef<HTMLTextAreaElement>(null);
  // An uploaded image goes in at the cursor, on a paragraph of its own.
  const insertImage = (markdown: string) => {
    const at = body.current?.selectionStart ?? content.bodyMarkdown.length;
    setContent((c) => ({ ...c, bodyMarkdown: `${c.bodyMarkdown.slice(0, at)}\n\n${markdown}\n\n${c.bodyMarkdown.slice(at)}`.replace(/^\n+/, "") }));
  };

  useEffect(() => {
    const n = ++seq.current;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch("/api/issues/preview", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ issueId, ...content }) });
        const json = await res.json();
        if (n !== seq.current) return;
        if (!res.ok) setPreviewError(json.error ?? t("previewFailed"));
        else { setPreview(json); setPreviewError(null); }
      } catch {
        if (n === seq.current) setPreviewError(t("previewFailed"));
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [content, issueId, t]);

  // Browsers submit a textarea's line breaks as CRLF, so the saved text may differ from the typed one only there.
  const lf = (s: string) => s.replace(/\r\n?/g, "\n");
  const unsaved = content.subject.trim() !== initial.subject || content.preheader.trim() !== initial.preheader || lf(content.bodyMarkdown) !== lf(initial.bodyMarkdown);
  const set = (k: keyof Content) => (e: { target: { value: string } }) => setContent((c) => ({ ...c, [k]: e.target.value }));

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <div>
      <form action={action} noValidate>
        {state.error && <Notice kind="error">{state.error}</Notice>}
        {state.notice && <Notice kind="success">{state.notice}</Notice>}
        <Field label={t("subject")} name="subject" value={content.subject} onChange={set("subject")} maxLength={200} required />
        <Field label={t("preheader")} name="preheader" value={content.preheader} onChange={set("preheader")} maxLength={200} hint={t("preheaderHint")} />
        <div className="mb-4">
          <label htmlFor="bodyMarkdown" className="mb-1 block text-sm font-medium">{t("body")}</label>
          <textarea ref={body} id="bodyMarkdown" name="bodyMarkdown" value={content.bodyMarkdown} onChange={set("bodyMarkdown")} rows={18}
            aria-invalid={state.field === "bodyMarkdown"} aria-describedby={state.field === "bodyMarkdown" ? "bodyMarkdown-error" : undefined}
            className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
          {state.field === "bodyMarkdown" && state.error && <p id="bodyMarkdown-error" className="mt-1 text-sm text-red-700">{state.error}</p>}
        </div>
        <ImageUpload labels={imageLabels} onInsert={insertImage} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="save" disabled={pending}>{t("save")}</Button>
          <Button type="submit" name="intent" value="test" variant="secondary" disabled={pending}>{t("test")}</Button>
          <Button type="submit" name="intent" value="review" variant="secondary" disabled={pending}>{t("review")}</Button>
        </div>
      </form>
      <DeclarationForm issueId={issueId} initial={declaration} unsavedContent={unsaved} />
      </div>
      <section aria-label={t("preview")}>
        <div className="mb-2 flex items-center gap-2">
          <h2 className="mr-auto font-semibold">{t("preview")}</h2>
          {/* the tablist holds only its tabs (ARIA: required children) */}
          <div role="tablist" aria-label={t("previewFormat")} className="flex gap-2">
            <button type="button" role="tab" aria-selected={tab === "html"} onClick={() => setTab("html")} className={tab === "html" ? "font-semibold underline" : ""}>HTML</button>
            <button type="button" role="tab" aria-selected={tab === "text"} onClick={() => setTab("text")} className={tab === "text" ? "font-semibold underline" : ""}>{t("plainText")}</button>
          </div>
        </div>
        {previewError && <Notice kind="error">{previewError}</Notice>}
        {preview && (
          <>
            <p className="mb-2 text-sm text-slate-600">{t("previewSubject")} <span data-testid="preview-subject">{preview.subject}</span></p>
            <iframe title={t("htmlPreview")} sandbox="" srcDoc={preview.html} hidden={tab !== "html"} className="h-[640px] w-full rounded-md border border-slate-200 bg-white" />
            <pre data-testid="preview-text" hidden={tab !== "text"} className="h-[640px] overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-3 text-sm">{preview.text}</pre>
          </>
        )}
      </section>
    </div>
  );
}
