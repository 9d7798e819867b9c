import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { Button, Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { WebhookEndpointForm } from "@/components/webhook-endpoint-form";
import { create, enable, remove } from "./actions";

export const metadata = { title: "Webhooks" };

export const dynamic = "force-dynamic";

const d = (x: Date | null) => (x ? x.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");

export default async function WebhooksPage() {
  await requirePage("settings.manage");
  const endpoints = await listWebhookEndpoints();
  return (
    <>
      <PageHeader title="Webhooks" />
      {endpoints.filter((e) => e.disabledAt).map((e) => (
        <Notice key={e.id} kind="error">
          <strong>{e.url}</strong> was disabled on {d(e.disabledAt)}: {e.disabledReason} Fix the receiver, then enable it again; its failed deliveries can be replayed from its log.
        </Notice>
      ))}
      <Card className="mb-6">
        <p className="mb-3 text-sm">
          Proofmail POSTs JSON <code>{`{"type","timestamp","data"}`}</code> to each endpoint for the events it takes, signed per the{" "}
          <a className="underline" href="https://www.standardwebhooks.com/">Standard Webhooks</a> specification (headers <code>webhook-id</code>,{" "}
          <code>webhook-timestamp</code>, <code>webhook-signature</code>; verify them with the endpoint&apos;s secret). A delivery that does not get a 2xx answer within
          10 seconds is tried again for up to three days; an endpoint whose deliveries fail for all that time is disabled.
        </p>
        <WebhookEndpointForm action={create} events={WEBHOOK_EVENTS} />
      </Card>
      <Card>
        <ScrollRegion label="Webhook endpoints"><table className="w-full text-left text-sm">
          <thead><tr><th>URL</th><th>Events</th><th>Payload</th><th>Last success</th><th>Status</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {endpoints.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top">
                <td className="py-1 break-all"><Link className="underline" href={`/admin/webhooks/${e.id}`}>{e.url}</Link></td>
                <td>{e.events.split(" ").map((x) => <code key={x} className="mr-1 block">{x}</code>)}</td>
                <td>{e.payloadMode === "address" ? "ids + address" : "ids only"}</td>
                <td>{d(e.lastSuccessAt)}</td>
                <td>{e.disabledAt ? "disabled" : "active"}</td>
                <td className="space-y-1">
                  {e.disabledAt && <form action={enable}><input type="hidden" name="id" value={e.id} /><Button variant="secondary" className="px-2 py-1" aria-label={`Enable ${e.url}`}>Enable</Button></form>}
                  <form action={remove}><input type="hidden" name="id" value={e.id} /><Button variant="danger" className="px-2 py-1" aria-label={`Delete ${e.url}`}>Delete</Button></form>
                </td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      </Card>
    </>
  );
}
