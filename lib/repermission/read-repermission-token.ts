// The data a re-permission token carries (written by send-repermission-mails.ts), read defensively.
export type RepermissionTokenData = {
  subscriptionId: string; newsletterId: string; fromPurposeVersionId: string; toPurposeVersionId: string; language: "nl" | "en";
};

export function readRepermissionToken(data: unknown): RepermissionTokenData | null {
  const d = (data ?? {}) as Record<string, unknown>;
  const ok = ["subscriptionId", "newsletterId", "fromPurposeVersionId", "toPurposeVersionId"].every((k) => typeof d[k] === "string");
  if (!ok) return null;
  return {
    subscriptionId: d.subscriptionId as string, newsletterId: d.newsletterId as string,
    fromPurposeVersionId: d.fromPurposeVersionId as string, toPurposeVersionId: d.toPurposeVersionId as string,
    language: d.language === "en" ? "en" : "nl",
  };
}
