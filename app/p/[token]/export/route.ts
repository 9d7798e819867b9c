// The person's own download (AVG art. 15/20): everything we hold about them as a JSON file.
import { route } from "@/lib/http/boundary";
import { verifyPreferencesToken } from "@/lib/subscribers/links";
import { exportSubscriberData } from "@/lib/subscribers/export-subscriber-data";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async ({ params: { token } }) => {
  const subscriberId = verifyPreferencesToken(token);
  const data = subscriberId ? await exportSubscriberData({ subscriberId }) : null;
  if (!data) return Response.json({ error: "This link is not valid, or there is no data (any more)." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
