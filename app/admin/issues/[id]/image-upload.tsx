"use client";
// The composer's image upload: a file and its alt text (required) → POST /api/issues/images → the
// Markdown `![alt](url)` handed to the composer to insert at the cursor.
import { useState } from "react";
import { Button, Field } from "@/components/ui";

export type ImageUploadLabels = {
  heading: string; file: string; fileHint: string; alt: string; altHint: string;
  altMissing: string; fileMissing: string; insert: string; uploading: string; inserted: string; failed: string;
};

// Brackets and backslashes would end the alt text early; line breaks would end the image.
const markdownAlt = (alt: string) => alt.replace(/\s+/g, " ").trim().replace(/[\\[\]]/g, "\\$&");

export function ImageUpload({ labels: t, onInsert }: { labels: ImageUploadLabels; onInsert: (markdown: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; field?: "image" | "alt"; text: string } | null>(null);

  async function upload() {
    if (!file) return setMessage({ kind: "error", field: "image", text: t.fileMissing });
    if (!alt.trim()) return setMessage({ kind: "error", field: "alt", text: t.altMissing });
    setBusy(true);
    try {
      const res = await fetch("/api/issues/images", { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file });
      const json = await res.json().catch(() => ({}));
      if (!res.ok) return setMessage({ kind: "error", field: "image", text: json.detail ?? t.failed });
      onInsert(`![${markdownAlt(alt)}](${json.url})`);
      setMessage({ kind: "success", text: t.inserted });
      setAlt("");
    } catch {
      setMessage({ kind: "error", text: t.failed });
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="mb-4 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">{t.heading}</legend>
      <div className="mb-4">
        <label htmlFor="image-file" className="mb-1 block text-sm font-medium">{t.file}</label>
        <input id="image-file" type="file" accept="image/png,image/jpeg,image/gif,image/webp" aria-invalid={message?.field === "image"} aria-describedby="image-file-hint"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="block w-full text-sm" />
        <p id="image-file-hint" className="mt-1 text-xs text-slate-500">{t.fileHint}</p>
        {message?.field === "image" && <p role="alert" className="mt-1 text-sm text-red-700">{message.text}</p>}
      </div>
      <Field id="image-alt" label={t.alt} hint={t.altHint} value={alt} onChange={(e) => setAlt(e.target.value)} maxLength={300}
        error={message?.field === "alt" ? message.text : undefined} />
      <Button type="button" variant="secondary" onClick={upload} disabled={busy}>{busy ? t.uploading : t.insert}</Button>
      {message && !message.field && <p role={message.kind === "error" ? "alert" : "status"} className={`mt-2 text-sm ${message.kind === "error" ? "text-red-700" : "text-emerald-800"}`}>{message.text}</p>}
    </fieldset>
  );
}
