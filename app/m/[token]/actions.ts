"use server";
// The receipt page's Unsubscribe button. Public on purpose: the signed link is the authorisation (no
// login, no address asked, R-UNSUB-NO-ADDRESS-PROMPT). Ends in a redirect, so it works without JavaScript.
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, fields } from "@/lib/http/boundary";
import { requestInfo } from "@/lib/security/request-info";
import { TOKEN_PAGE_LIMIT } from "@/lib/security/public-limits";
import { unsubscribeFromReceipt } from "@/lib/receipts/unsubscribe-from-receipt";

const unsubscribeFields = fields({ token: z.string().max(100) });

export const unsubscribeFromReceiptAction = action(
  { access: "public", rateLimit: TOKEN_PAGE_LIMIT, input: z.tuple([unsubscribeFields]), invalid: () => redirect("/m/invalid") },
  async (_ctx, { token }): Promise<void> => {
    const info = await requestInfo();
    // A link that does not work changes nothing; the page then says so.
    await unsubscribeFromReceipt({ token, ...info });
    // A new query, not only a hash: the client router refetches the page only when the URL changes.
    redirect(`/m/${encodeURIComponent(token)}?done=unsubscribe#unsubscribe`);
  },
);
