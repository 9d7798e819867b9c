// Starts the worker inside the web server when the configuration says so: always on the embedded
// SQLite default; with PostgreSQL only when WORKER_IN_WEB=1 (otherwise run `npm run worker` processes).
import { config } from "../config/index.ts";
import { runWorker } from "./loop.ts";
import { getLogger } from "../log/logger.ts";

if (config().workerInWeb) {
  const ac = new AbortController();
  process.once("SIGTERM", () => ac.abort());
  process.once("SIGINT", () => ac.abort());
  runWorker({ signal: ac.signal }).catch((err) => getLogger("worker").fatal({ err }, "embedded worker stopped"));
}
