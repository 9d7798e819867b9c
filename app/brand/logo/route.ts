// GET /brand/logo — public: the organisation's logo (Settings → Branding) for public pages and every mail.
// The type was sniffed from the bytes at upload; nosniff and a sandboxing CSP keep it an image. Links carry
// ?v=<hash>, so a versioned URL can be cached for long and a new upload is seen at once.
import { HttpError, route } from "@/lib/http/boundary";
import { db } from "@/lib/db";
import { getLogo } from "@/lib/settings/get-branding";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async ({ req }) => {
  const logo = await getLogo(db);
  if (!logo) throw new HttpError("not_found", "No logo is set.");
  const versioned = new URL(req.url).searchParams.get("v") === logo.hash.slice(0, 16);
  return new Response(Buffer.from(logo.bytes), {
    headers: {
      "Content-Type": logo.type,
      "Content-Length": String(logo.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
      ETag: `"${logo.hash.slice(0, 32)}"`,
    },
  });
});
