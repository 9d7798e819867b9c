// POST /api/inbound/sendgrid — SendGrid's Signed Event Webhook: bounce, dropped and spamreport events (ECDSA P-256).
// Verification, mapping and matching: lib/inbound/webhooks/sendgrid.ts (lib/inbound/README.md). 404 when not
// configured, 401 problem+json for a bad signature or secret (nothing stored), 400 for a malformed body.
import { route } from "@/lib/http/boundary";
import { webhookLimit } from "@/lib/inbound/webhooks/common";
import { handleSendgridWebhook } from "@/lib/inbound/webhooks/sendgrid";

export const dynamic = "force-dynamic";

export const POST = route({ access: "public", rateLimit: webhookLimit("sendgrid") }, async ({ req }) => handleSendgridWebhook(req));
