// "Sign and anchor the ledger head now" (Admin → Exports, `npm run ledger:anchor`): a new signed head, anchored at
// once by every configured channel (anchor-head.ts), written to the audit log with each channel's outcome.
import "server-only";
import { audit, type AuditActor } from "../audit/log.ts";
import { db } from "../db/index.ts";
import { anchorLedgerHead } from "./anchor-head.ts";

export async function anchorLedgerNow({ actor, via }: { actor: AuditActor; via: "admin" | "cli" }) {
  const r = await anchorLedgerHead(db, { trigger: "manual" });
  await audit(db, actor, "ledger.anchor", r.head?.id ?? null, {
    via, seq: r.head?.seq ?? null, outcomes: r.outcomes.map((o) => ({ channel: o.channel, ok: o.ok, detail: o.detail })),
  });
  return r;
}
