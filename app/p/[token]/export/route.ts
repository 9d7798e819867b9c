// The person's own download (AVG art. 15/20): everything we hold about them as a JSON file.
import { route } from "@/lib/http/boundary";
import { readPreferencesToken } from "@/lib/subscribers/links";
import { dataAccessFor } from "@/lib/security/data-access-cookies";
import { HttpError } from "@/lib/http/http-error";
import { exportSubscriberData } from "@/lib/subscribers/export-subscriber-data";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async ({ params: { token } }) => {
  const link = readPreferencesToken(token);
  // Old or forwarded links first need the fresh link by mail (lib/security/data-access.ts); the page offers it.
  if (link && !(await dataAccessFor(link)).allowed) {
    throw HttpError.of(403, "step_up_required", "Ask for a fresh link on the preferences page first: it is sent to the subscriber's address.");
  }
  const data = link ? await exportSubscriberData({ subscriberId: link.subscriberId }) : null;
  if (!data) return Response.json({ error: "This link is not valid, or there is no data (any more)." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
