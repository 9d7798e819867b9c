// The words for an anchor's result, shared by the admin page and `npm run ledger:anchor`.
import type { AnchorChannel } from "./anchor-head.ts";

export const ANCHOR_CHANNEL_LABEL: Record<AnchorChannel, string> = { tsa: "by timestamp authority", email: "by e-mail" };

export function describeAnchorOutcome(o: { channel: AnchorChannel; ok: boolean; detail: string }): string {
  return o.ok ? `Anchored ${ANCHOR_CHANNEL_LABEL[o.channel]} (${o.detail}).` : `Anchoring ${ANCHOR_CHANNEL_LABEL[o.channel]} failed: ${o.detail}.`;
}
