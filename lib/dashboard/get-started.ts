// What a new installation still has to do before its first lawful send, in order. Each step is done when
// the database shows it (not when someone clicked past it), so the list disappears by itself.
import { db } from "../db/index.ts";
import { getOrganisation } from "../settings/get-organisation.ts";

export type StartStep = { key: "organisation" | "newsletter" | "form" | "subscriber" | "issue"; done: boolean };

export async function getStartSteps(): Promise<StartStep[]> {
  const [org, newsletters, publishedForms, confirmed, sends] = await Promise.all([
    getOrganisation(db),
    db.newsletter.count({ where: { archivedAt: null } }),
    db.form.count({ where: { archivedAt: null, currentVersionId: { not: null } } }),
    db.subscription.count({ where: { status: "confirmed" } }),
    db.send.count(),
  ]);
  return [
    { key: "organisation", done: Boolean(org.name && org.address && org.contactEmail && org.privacyUrl) },
    { key: "newsletter", done: newsletters > 0 },
    { key: "form", done: publishedForms > 0 },
    { key: "subscriber", done: confirmed > 0 },
    { key: "issue", done: sends > 0 },
  ];
}
