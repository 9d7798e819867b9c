// POST /api/inbound/postmark — Postmark bounce and spam-complaint webhooks (basic auth in the webhook URL).
// Verification, mapping and matching: lib/inbound/webhooks/postmark.ts (lib/inbound/README.md). 404 when not
// configured, 401 problem+json for a bad signature or secret (nothing stored), 400 for a malformed body.
import { route } from "@/lib/http/boundary";
import { webhookLimit } from "@/lib/inbound/webhooks/common";
import { handlePostmarkWebhook } from "@/lib/inbound/webhooks/postmark";

export const dynamic = "force-dynamic";

export const POST = route({ access: "public", rateLimit: webhookLimit("postmark") }, async ({ req }) => handlePostmarkWebhook(req));
