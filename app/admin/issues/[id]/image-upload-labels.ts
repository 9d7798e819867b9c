// The image upload's texts (namespace issueImages), made on the server: the client gets strings, not the messages files.
import { translator } from "@/lib/i18n/translator";
import type { ImageUploadLabels } from "./image-upload";

export function imageUploadLabels(): ImageUploadLabels {
  const t = translator("en", "issueImages");
  const keys = ["heading", "file", "fileHint", "alt", "altHint", "altMissing", "fileMissing", "insert", "uploading", "inserted", "failed"] as const;
  return Object.fromEntries(keys.map((k) => [k, t(k)])) as ImageUploadLabels;
}
