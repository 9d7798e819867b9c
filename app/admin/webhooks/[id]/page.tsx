import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { getWebhookLog } from "@/lib/webhooks/endpoints";
import { Button, Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { replay } from "../actions";

export const metadata = { title: "Webhook deliveries" };

export const dynamic = "force-dynamic";

const t = (x: Date | null) => (x ? x.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—");

export default async function WebhookLogPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("settings.manage");
  const { id } = await params;
  const sp = await searchParams;
  const log = await getWebhookLog(id);
  if (!log) notFound();
  const { endpoint, deliveries } = log;
  return (
    <>
      <PageHeader title="Webhook deliveries"><Link className="text-sm underline" href="/admin/webhooks">All endpoints</Link></PageHeader>
      {sp.notice === "replayed" && <Notice kind="success">The delivery is queued to be sent again.</Notice>}
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      {endpoint.disabledAt && <Notice kind="error">This endpoint was disabled on {t(endpoint.disabledAt)}: {endpoint.disabledReason}</Notice>}
      <Card className="mb-6">
        <p className="break-all text-sm"><strong>{endpoint.url}</strong> · {endpoint.payloadMode === "address" ? "ids + address" : "ids only"} · {endpoint.events.split(" ").join(", ")}</p>
      </Card>
      <Card>
        <ScrollRegion label="Deliveries"><table className="w-full text-left text-sm">
          <thead><tr><th>Created</th><th>Event</th><th>Status</th><th>Attempts</th><th>Response</th><th>Duration</th><th>Last attempt</th><th>Next retry</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {deliveries.map((x) => (
              <tr key={x.id} className="border-t border-slate-100 align-top">
                <td className="py-1">{t(x.createdAt)}{x.replayOfId && <span className="block text-xs text-slate-600">replay</span>}</td>
                <td><code>{x.type}</code></td>
                <td>{x.status}{x.lastError && <span className="block text-xs text-slate-600">{x.lastError}</span>}</td>
                <td>{x.attempts}</td>
                <td>{x.lastStatusCode ?? "—"}</td>
                <td>{x.lastDurationMs != null ? `${x.lastDurationMs} ms` : "—"}</td>
                <td>{t(x.lastAttemptAt)}</td>
                <td>{t(x.nextAttemptAt)}</td>
                <td>{x.status !== "pending" && (
                  <form action={replay}><input type="hidden" name="id" value={x.id} /><input type="hidden" name="endpointId" value={endpoint.id} /><Button variant="secondary" className="px-2 py-1" aria-label={`Replay ${x.type} of ${t(x.createdAt)}`}>Replay</Button></form>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
        {!deliveries.length && <p className="text-sm">No deliveries yet.</p>}
      </Card>
    </>
  );
}
