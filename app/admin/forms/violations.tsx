import type { FormLintViolation } from "@/lib/rules";

/** Each lint violation with the rule it breaks (catalogue IDs), so the admin knows what to fix and why. */
export function Violations({ violations, title }: { violations: FormLintViolation[]; title: string }) {
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="mb-2 font-medium">{title}</p>
      <ul className="list-disc pl-5" data-testid="violations">
        {violations.map((v, i) => (
          <li key={i}><code>{v.ruleId}</code> ({v.code}): {v.message}{v.field ? <span className="text-red-700"> [{v.field}]</span> : null}</li>
        ))}
      </ul>
    </div>
  );
}
