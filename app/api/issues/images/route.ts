// The composer's image upload: the file's bytes as the body (any Content-Type: what it is, is read from
// the bytes). Answers the image's public URL and size; a refused file answers 400/413 with what to do.
import { route, HttpError } from "@/lib/http/boundary";
import { readCapped } from "@/lib/util/read-capped";
import { MAX_UPLOAD_BYTES, saveUpload } from "@/lib/uploads/save-upload";
import { translator } from "@/lib/i18n/translator";

export const dynamic = "force-dynamic";

export const POST = route({ access: "issues.write", rateLimit: { name: "image-upload", points: 120, durationSec: 3600 } }, async ({ req, staff }) => {
  const t = translator("en", "issueImages");
  const declared = Number(req.headers.get("content-length") ?? 0);
  const bytes = declared > MAX_UPLOAD_BYTES ? null : await readCapped(req.body, MAX_UPLOAD_BYTES);
  const r = await saveUpload({ bytes, actor: { id: staff.id, email: staff.email } });
  if (!r.ok) throw r.refusal === "too_large" ? new HttpError("too_large", t("refusal.too_large")) : HttpError.of(400, r.refusal, t(`refusal.${r.refusal}`), { field: "image" });
  return Response.json({ url: r.url, width: r.width, height: r.height, contentType: r.contentType }, { status: 201 });
});
