// Embedded default: the worker runs inside the web server's process (lib/worker/embedded).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/worker/embedded.ts");
}
