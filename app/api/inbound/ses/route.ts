// POST /api/inbound/ses — Amazon SES bounce and complaint notifications through SNS (signed messages).
// Verification, mapping and matching: lib/inbound/webhooks/ses.ts (lib/inbound/README.md). 404 when not
// configured, 401 problem+json for a bad signature or secret (nothing stored), 400 for a malformed body.
import { route } from "@/lib/http/boundary";
import { webhookLimit } from "@/lib/inbound/webhooks/common";
import { handleSesWebhook } from "@/lib/inbound/webhooks/ses";

export const dynamic = "force-dynamic";

export const POST = route({ access: "public", rateLimit: webhookLimit("ses") }, async ({ req }) => handleSesWebhook(req));
