// `import "server-only"` outside Next.js (tsx scripts, the worker, vitest): nothing to guard there, since
// no browser bundle is built. tsconfig.json and vitest.config.ts point "server-only" here; Next.js builds
// with tsconfig.build.json, which does not, so the real marker fails any client bundle that imports one.
export {};
