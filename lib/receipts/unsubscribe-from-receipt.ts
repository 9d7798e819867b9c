// The receipt page's Unsubscribe button (POST only: mail scanners fetch the page, never press it). The same
// withdrawal as the one-click unsubscribe: this message's newsletter, ledger event, suppression; a second
// press changes nothing. null = the link does not work (forged, unknown, erased).
import { withdraw } from "../subscribers/withdraw.ts";
import { getReceipt, type Receipt } from "./get-receipt.ts";

export async function unsubscribeFromReceipt(opts: { token: unknown; ip?: string | null; userAgent?: string | null }): Promise<Receipt | null> {
  const receipt = await getReceipt(opts.token);
  if (!receipt) return null;
  await withdraw({
    subscriberId: receipt.subscriberId, scope: { newsletterId: receipt.newsletter.id }, actor: "subject", via: "receipt-page",
    ip: opts.ip, userAgent: opts.userAgent,
  });
  return getReceipt(opts.token);
}
