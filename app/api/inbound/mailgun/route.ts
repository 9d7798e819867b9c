// POST /api/inbound/mailgun — Mailgun failed and complained events (HMAC-signed, tokens used once).
// Verification, mapping and matching: lib/inbound/webhooks/mailgun.ts (lib/inbound/README.md). 404 when not
// configured, 401 problem+json for a bad signature or secret (nothing stored), 400 for a malformed body.
import { route } from "@/lib/http/boundary";
import { webhookLimit } from "@/lib/inbound/webhooks/common";
import { handleMailgunWebhook } from "@/lib/inbound/webhooks/mailgun";

export const dynamic = "force-dynamic";

export const POST = route({ access: "public", rateLimit: webhookLimit("mailgun") }, async ({ req }) => handleMailgunWebhook(req));
