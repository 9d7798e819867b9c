// `npm run serve`: one web process (the built app) through lib/server/create-web-server.ts, so client
// addresses come from the socket (and TRUST_PROXY), never from headers a client can forge. `npm start`
// runs this after migrating and building; PostgreSQL deployments run as many as they like.
import next from "next";
import { isEmbedded, loadCliConfig } from "./env.ts";
import { createWebServer } from "../lib/server/create-web-server.ts";
import { getLogger } from "../lib/log/logger.ts";

const log = getLogger("http");

(process.env as Record<string, string>).NODE_ENV = "production";
const cfg = loadCliConfig({ embeddedSecrets: isEmbedded() });
const port = Number(process.env.PORT || 3000);

const app = next({ dev: false, dir: process.cwd(), port });
await app.prepare();
const server = createWebServer({ handle: app.getRequestHandler(), appUrl: cfg.appUrl });
server.listen(port, () => {
  const proxies = cfg.trustProxy.map((p) => `${p.address}/${p.prefix}`).join(", ");
  // A start-up line for the person (and the e2e specs) watching the console, like scripts/start.ts's:
  // plain, and printed whatever LOG_LEVEL says. Everything after it is JSON logs.
  console.log(`proofmail: web server ready on port ${port}${proxies ? ` (trusting X-Forwarded-For from ${proxies})` : ""}`);
});
server.on("error", (err) => {
  log.fatal({ port, err }, `proofmail: PORT: cannot listen on ${port}: ${err.message}`);
  process.exit(1);
});
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
