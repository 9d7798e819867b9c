// The public archive as an Atom feed (lib/newsletters/public-archive.ts).
import { route } from "@/lib/http/boundary";
import { HttpError } from "@/lib/http/http-error";
import { archiveFeed } from "@/lib/newsletters/public-archive";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async ({ params: { newsletter } }) => {
  const xml = await archiveFeed(newsletter);
  if (!xml) throw new HttpError("not_found", "This newsletter has no public archive.");
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
});
