// POST /api/inbound/brevo — Brevo hard_bounce, soft_bounce and spam events (bearer token or basic auth).
// Verification, mapping and matching: lib/inbound/webhooks/brevo.ts (lib/inbound/README.md). 404 when not
// configured, 401 problem+json for a bad signature or secret (nothing stored), 400 for a malformed body.
import { route } from "@/lib/http/boundary";
import { webhookLimit } from "@/lib/inbound/webhooks/common";
import { handleBrevoWebhook } from "@/lib/inbound/webhooks/brevo";

export const dynamic = "force-dynamic";

export const POST = route({ access: "public", rateLimit: webhookLimit("brevo") }, async ({ req }) => handleBrevoWebhook(req));
