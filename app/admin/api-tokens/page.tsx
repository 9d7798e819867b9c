import { requirePage } from "@/lib/auth/guard";
import { listApiTokens } from "@/lib/customers/api-tokens";
import { config } from "@/lib/config";
import { Button, Card, PageHeader, ScrollRegion } from "@/components/ui";
import { ApiTokenForm } from "@/components/api-token-form";
import { create, revoke } from "./actions";
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.apiTokens.title");

export const dynamic = "force-dynamic";

export default async function ApiTokensPage() {
  await requirePage("settings.manage");
  const tokens = await listApiTokens();
  const [t, format] = await Promise.all([staffTranslator("admin.apiTokens"), staffFormatter()]);
  const d = (x: Date | null) => (x ? format.dateTime(x, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <>
      <PageHeader title={t("title")} />
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
        <ScrollRegion label={t("title")}><table className="w-full text-left text-sm">
          <thead><tr><th>{t("col.name")}</th><th>Scopes</th><th>Per minute</th><th>{t("col.created")}</th><th>{t("col.lastUsed")}</th><th>{t("col.status")}</th><th><span className="sr-only">{t("col.actions")}</span></th></tr></thead>
          <tbody>
            {tokens.map((tok) => (
              <tr key={tok.id} className="border-t border-slate-100">
                <td className="py-1">{tok.name}</td><td>{tok.scopes.split(" ").join(", ")}</td><td>{tok.ratePerMinute}</td><td>{d(tok.createdAt)}</td><td>{d(tok.lastUsedAt)}</td><td>{tok.revokedAt ? t("revoked", { at: d(tok.revokedAt) }) : t("active")}</td>
                <td>{!tok.revokedAt && <form action={revoke}><input type="hidden" name="id" value={tok.id} /><Button variant="danger" className="px-2 py-1" aria-label={t("revokeOf", { name: tok.name })}>{t("revoke")}</Button></form>}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      </Card>
    </>
  );
}
