/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "nodemailer", "pdfkit", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "prom-client", "smtp-server", "mailparser", "imapflow"],
  poweredByHeader: false,
  // Separate build directories let several builds (e.g. parallel e2e runs) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  experimental: { authInterrupts: true },
  // next build type-checks the app only (tsconfig.build.json); `npm run typecheck` covers tests, e2e and CLIs.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};
export default nextConfig;
