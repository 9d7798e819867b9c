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
      <PageHeader title={t("heading")} />
      <Card className="mb-6">
        <p className="mb-3 text-sm">
          {t.rich("intro", {
            url: config().appUrl, header: "Authorization: Bearer <token>",
            fields: `{"email","purchasedAt","category","language","objectionOffered","optOutText","objected"}`,
            code: (c) => <code>{c}</code>,
          })}
        </p>
        <ApiTokenForm action={create} />
      </Card>
      <Card>
        <ScrollRegion label={t("heading")}><table className="w-full text-left text-sm">
          <thead><tr><th>{t("col.name")}</th><th>{t("col.created")}</th><th>{t("col.lastUsed")}</th><th>{t("col.status")}</th><th><span className="sr-only">{t("col.actions")}</span></th></tr></thead>
          <tbody>
            {tokens.map((tok) => (
              <tr key={tok.id} className="border-t border-slate-100">
                <td className="py-1">{tok.name}</td><td>{d(tok.createdAt)}</td><td>{d(tok.lastUsedAt)}</td><td>{tok.revokedAt ? t("revoked", { at: d(tok.revokedAt) }) : t("active")}</td>
                <td>{!tok.revokedAt && <form action={revoke}><input type="hidden" name="id" value={tok.id} /><Button variant="danger" className="px-2 py-1" aria-label={t("revokeOf", { name: tok.name })}>{t("revoke")}</Button></form>}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      </Card>
    </>
  );
}
