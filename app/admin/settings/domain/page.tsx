import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { config } from "@/lib/config";
import { checkSendingDomain, txtLookup, type DomainCheck } from "@/lib/mail/domain-check";
import { Card, Notice, PageHeader } from "@/components/ui";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.domain.title");
export const dynamic = "force-dynamic";

const BADGE: Record<DomainCheck["status"], string> = {
  ok: "bg-emerald-100 text-emerald-900",
  warn: "bg-amber-100 text-amber-900",
  fail: "bg-red-100 text-red-900",
};

export default async function SendingDomainPage() {
  await requirePage("settings.manage");
  const newsletters = await db.newsletter.findMany({ where: { archivedAt: null }, select: { name: true, fromEmail: true }, orderBy: { name: "asc" } });
  const senders = new Map<string, string[]>();
  for (const n of newsletters) senders.set(n.fromEmail.toLowerCase(), [...(senders.get(n.fromEmail.toLowerCase()) ?? []), n.name]);
  const { dkim, bounceAddress } = config();
  const lookup = txtLookup();
  const t = await staffTranslator("admin.domain");
  const results = await Promise.all(
    [...senders].map(async ([fromEmail, names]) => ({ fromEmail, names, checks: await checkSendingDomain({ fromEmail, envelopeDomain: bounceAddress?.domain, dkim, lookup }) })),
  );
  return (
    <>
      <PageHeader title={t("title")} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        {bounceAddress ? t("introBounce", { domain: bounceAddress.domain }) : t("intro")}
      </p>
      {!results.length && <Notice>{t("none")}</Notice>}
      {results.map((r) => (
        <Card key={r.fromEmail} className="mb-4 max-w-3xl">
          <h2 className="mb-1 font-semibold">{r.fromEmail}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("senderOf", { names: r.names.join(", ") })}</p>
          <ul className="space-y-3">
            {r.checks.map((c) => (
              <li key={c.kind} data-testid={`check-${c.kind}`}>
                <div className="flex items-center gap-2">
                  <span className="font-medium">{c.kind}</span>
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${BADGE[c.status]}`}>{t(`status.${c.status}`)}</span>
                  <code className="text-xs text-slate-600">{c.name}</code>
                </div>
                <p className="text-sm">{c.explanation}</p>
                {c.record && <p className="mt-1 break-all font-mono text-xs text-slate-600">{c.record}</p>}
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </>
  );
}
