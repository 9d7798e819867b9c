import Link from "next/link";
import type { FormLintViolation } from "@/lib/rules";

/** Where the admin fixes what a violation names: most of the form's text comes from other screens. */
function whereToFix(field: string | undefined): { label: string; href?: string } | null {
  if (!field) return null;
  if (field.startsWith("controller.") || field === "privacyUrl") return { label: "Settings (organisation)", href: "/admin/settings" };
  if (field === "retentionStatement") return { label: "Retention", href: "/admin/retention" };
  if (/^checkboxes\[\d+\]\.(label|purpose)$/.test(field)) return { label: "the newsletter's name and description", href: "/admin/newsletters" };
  if (field === "checkboxes" || /^checkboxes\[\d+\]\.newsletterIds$/.test(field)) return { label: "“Newsletters on this form” below" };
  if (field === "dataStatement") return { label: "“Which data is collected” below" };
  if (field === "withdrawalStatement") return { label: "“Right to withdraw” below" };
  return null;
}

/** Each violation in the admin's words with where to fix it; the rule and code are shown small, for support. */
export function Violations({ violations, title }: { violations: FormLintViolation[]; title: string }) {
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="mb-2 font-medium">{title}</p>
      <ul className="list-disc space-y-1 pl-5" data-testid="violations">
        {violations.map((v, i) => {
          const where = whereToFix(v.field);
          return (
            <li key={i}>
              {v.message}
              {where && <> Fix it in {where.href ? <Link href={where.href}>{where.label}</Link> : where.label}.</>}{" "}
              <span className="text-xs text-red-700/80">({v.ruleId}, {v.code})</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
