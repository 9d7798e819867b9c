import { requirePage } from "@/lib/auth/guard";
import { listApiTokens } from "@/lib/customers/api-tokens";
import { config } from "@/lib/config";
import { Button, Card, PageHeader, ScrollRegion } from "@/components/ui";
import { ApiTokenForm } from "@/components/api-token-form";
import { create, revoke } from "./actions";

export const metadata = { title: "API tokens" };

export const dynamic = "force-dynamic";

export default async function ApiTokensPage() {
  await requirePage("settings.manage");
  const tokens = await listApiTokens();
  const d = (x: Date | null) => (x ? x.toISOString().replace("T", " ").slice(0, 16) : "—");
  return (
    <>
      <PageHeader title="API tokens" />
      <Card className="mb-6">
        <p className="mb-3 text-sm">
          Other systems manage subscribers, suppressions and exports through the REST API at <code>{config().appUrl}/api/v1</code>:
          see the <a className="text-indigo-700 underline" href="/api/v1/docs">API documentation</a>{" "}
          (<a className="text-indigo-700 underline" href="/api/v1/openapi.json">OpenAPI document</a>). Each token may do only what its scopes
          allow, at most its requests per minute.
        </p>
        <p className="mb-3 text-sm">
          Your shop records purchases with <code>POST {config().appUrl}/api/v1/purchases</code>, header <code>Authorization: Bearer &lt;token&gt;</code>,
          JSON <code>{`{"email","purchasedAt","category","language","objectionOffered","optOutText","objected"}`}</code>, where{" "}
          <code>optOutText</code> is the exact checkout text that offered the opt-out (required when <code>objectionOffered</code> is
          true). Customers who were offered a way to object and did not are subscribed on the existing-customer basis only to the
          newsletters whose customer products list the purchased category, in the buyer&apos;s language, and only where they are
          about similar products.
        </p>
        <ApiTokenForm action={create} />
      </Card>
      <Card>
        <ScrollRegion label="API tokens"><table className="w-full text-left text-sm">
          <thead><tr><th>Name</th><th>Scopes</th><th>Per minute</th><th>Created</th><th>Last used</th><th>Status</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-slate-100">
                <td className="py-1">{t.name}</td><td>{t.scopes.split(" ").join(", ")}</td><td>{t.ratePerMinute}</td><td>{d(t.createdAt)}</td><td>{d(t.lastUsedAt)}</td><td>{t.revokedAt ? `revoked ${d(t.revokedAt)}` : "active"}</td>
                <td>{!t.revokedAt && <form action={revoke}><input type="hidden" name="id" value={t.id} /><Button variant="danger" className="px-2 py-1" aria-label={`Revoke ${t.name}`}>Revoke</Button></form>}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      </Card>
    </>
  );
}
