"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, fields, prevState } from "@/lib/http/boundary";
import { anchorLedgerNow } from "@/lib/consent/anchor-now";
import { describeAnchorOutcome } from "@/lib/consent/describe-anchor";

export type AnchorState = { notice?: string; failed?: boolean };

// A new head and a call to the timestamp authority per press: a few an hour are plenty.
export const anchorLedgerAction = action(
  { access: "exports.run", input: z.tuple([prevState<AnchorState>(), fields({})]), rateLimit: { name: "ledger-anchor", points: 10, durationSec: 3600 } },
  async ({ staff }): Promise<AnchorState> => {
    const r = await anchorLedgerNow({ actor: { id: staff.id, email: staff.email }, via: "admin" });
    revalidatePath("/admin/exports");
    const seq = r.head?.seq ?? 0;
    if (r.outcomes.length === 0) return { notice: `Signed head ${seq}. No anchor is configured (LEDGER_TSA_URL, LEDGER_ANCHOR_EMAIL), so it was not sent anywhere.` };
    return { notice: `Signed head ${seq}. ${r.outcomes.map(describeAnchorOutcome).join(" ")}`, failed: r.outcomes.some((o) => !o.ok) };
  },
);
