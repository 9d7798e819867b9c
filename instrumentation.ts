// Embedded default: the worker runs inside the web server's process. With PostgreSQL it runs only when
// WORKER_IN_WEB=1; otherwise start `npm run worker` processes.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config/index.ts");
  if (!config().workerInWeb) return;
  const { runWorker } = await import("./lib/worker/loop.ts");
  const ac = new AbortController();
  process.once("SIGTERM", () => ac.abort());
  process.once("SIGINT", () => ac.abort());
  void runWorker({ signal: ac.signal });
}
