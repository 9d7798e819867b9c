// The empty installation's first steps, with a link to where each is done.
import Link from "next/link";
import type { StartStep } from "@/lib/dashboard/get-started";
import { Card } from "./ui";

const TEXT: Record<StartStep["key"], { title: string; href: string; how: string }> = {
  organisation: { title: "Say who you are", href: "/admin/settings", how: "Your organisation's name, postal address, contact address and privacy statement go on every form and in every message." },
  newsletter: { title: "Create a newsletter", href: "/admin/newsletters/new", how: "Its name and purpose are what people agree to; each newsletter gets its own consent." },
  form: { title: "Create and publish a signup form", href: "/admin/forms/new", how: "Publishing freezes the text people see, so you can prove what they agreed to." },
  subscriber: { title: "Share or embed the form", href: "/admin/forms", how: "Link to the form's page or paste its embed snippet into your website; people confirm by e-mail." },
  issue: { title: "Write and send an issue", href: "/admin/issues", how: "Every recipient is checked against the law before the message goes out." },
};

export function GetStarted({ steps, canManage }: { steps: StartStep[]; canManage: boolean }) {
  const next = steps.find((s) => !s.done);
  if (!next) return null;
  return (
    <Card className="mb-6">
      <h2 className="mb-3 text-lg font-semibold">Get started</h2>
      <ol className="space-y-3">
        {steps.map((s, i) => (
          <li key={s.key} className="flex gap-3" data-testid={`start-${s.key}`} data-done={s.done}>
            <span aria-hidden className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${s.done ? "bg-green-100 text-green-800" : "bg-slate-100 text-slate-700"}`}>{s.done ? "✓" : i + 1}</span>
            <div>
              <p className="font-medium">
                {s === next && canManage ? <Link href={TEXT[s.key].href}>{TEXT[s.key].title}</Link> : TEXT[s.key].title}
                {s.done && <span className="sr-only"> (done)</span>}
              </p>
              {!s.done && <p className="text-sm text-slate-600">{TEXT[s.key].how}</p>}
            </div>
          </li>
        ))}
      </ol>
      {!canManage && <p className="mt-3 text-sm text-slate-600">An admin sets these up.</p>}
    </Card>
  );
}
