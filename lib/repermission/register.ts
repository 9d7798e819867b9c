// Registers the re-permission mail job with the worker (imported once from lib/worker/handlers.ts).
import "./queue-repermission.ts"; // defines the job
