// The empty installation's first steps, with a link to where each is done.
import Link from "next/link";
import type { StartStep } from "@/lib/dashboard/get-started";
import { staffTranslator } from "@/lib/i18n/staff-translator";
import { Card } from "./ui";

const HREF: Record<StartStep["key"], string> = {
  organisation: "/admin/settings",
  newsletter: "/admin/newsletters/new",
  form: "/admin/forms/new",
  subscriber: "/admin/forms",
  issue: "/admin/issues",
};

export async function GetStarted({ steps, canManage }: { steps: StartStep[]; canManage: boolean }) {
  const t = await staffTranslator("admin.dashboard.start");
  const next = steps.find((s) => !s.done);
  if (!next) return null;
  return (
    <Card className="mb-6">
      <h2 className="mb-3 text-lg font-semibold">{t("heading")}</h2>
      <ol className="space-y-3">
        {steps.map((s, i) => (
          <li key={s.key} className="flex gap-3" data-testid={`start-${s.key}`} data-done={s.done}>
            <span aria-hidden className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${s.done ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"}`}>{s.done ? "✓" : i + 1}</span>
            <div>
              <p className="font-medium">
                {s === next && canManage ? <Link href={HREF[s.key]}>{t(`${s.key}.title`)}</Link> : t(`${s.key}.title`)}
                {s.done && <span className="sr-only"> {t("done")}</span>}
              </p>
              {!s.done && <p className="text-sm text-slate-600">{t(`${s.key}.how`)}</p>}
            </div>
          </li>
        ))}
      </ol>
      {!canManage && <p className="mt-3 text-sm text-slate-600">{t("adminSetsUp")}</p>}
    </Card>
  );
}
