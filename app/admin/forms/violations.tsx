"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FormLintViolation } from "@/lib/rules";

/** Where the admin fixes what a violation names: most of the form's text comes from other screens. */
function whereToFix(field: string | undefined): { label: "settings" | "retention" | "newsletter" | "newsletters" | "data" | "withdrawal"; href?: string } | null {
  if (!field) return null;
  if (field.startsWith("controller.") || field === "privacyUrl") return { label: "settings", href: "/admin/settings" };
  if (field === "retentionStatement") return { label: "retention", href: "/admin/retention" };
  if (/^checkboxes\[\d+\]\.(label|purpose)$/.test(field)) return { label: "newsletter", href: "/admin/newsletters" };
  if (field === "checkboxes" || /^checkboxes\[\d+\]\.newsletterIds$/.test(field)) return { label: "newsletters" };
  if (field === "dataStatement") return { label: "data" };
  if (field === "withdrawalStatement") return { label: "withdrawal" };
  return null;
}

/** Each violation in the admin's words with where to fix it; the rule and code are shown small, for support. */
export function Violations({ violations, title }: { violations: FormLintViolation[]; title: string }) {
  const t = useTranslations("admin.forms");
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="mb-2 font-medium">{title}</p>
      <ul className="list-disc space-y-1 pl-5" data-testid="violations">
        {violations.map((v, i) => {
          const where = whereToFix(v.field);
          return (
            <li key={i}>
              {v.message}
              {where && <> {t.rich("fixIn", { where: () => (where.href ? <Link href={where.href}>{t(`where.${where.label}`)}</Link> : t(`where.${where.label}`)) })}</>}{" "}
              <span className="text-xs text-red-700/80">({v.ruleId}, {v.code})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
