// Uploaded images, public (mails and the archive link here): the key is random and never reused, so the
// answer is cached for a year; the type is the one sniffed at upload, never guessed again (nosniff).
import { z } from "zod";
import { route, HttpError } from "@/lib/http/boundary";
import { readUpload } from "@/lib/uploads/save-upload";
import { IMMUTABLE, isUploadKey } from "@/lib/uploads/storage";

export const dynamic = "force-dynamic";

const params = z.object({ key: z.string().max(100).refine(isUploadKey, "Not an image name.") });

export const GET = route({ access: "public", params }, async ({ params: { key } }) => {
  const found = await readUpload(key);
  if (!found) throw new HttpError("not_found");
  return new Response(new Uint8Array(found.bytes), {
    headers: {
      "Content-Type": found.contentType, "Content-Length": String(found.bytes.length), "Cache-Control": IMMUTABLE,
      "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
