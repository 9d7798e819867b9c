// Registers the webhook delivery job with the worker (imported once from lib/worker/handlers.ts).
import "./deliver-webhook.ts";
