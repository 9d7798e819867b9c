// ESLint 9 flat config (`npm run lint`; .ci/run runs it after the typecheck): typescript-eslint's
// recommended rules and the Next plugin's recommended + core-web-vitals rules. Not type-aware: with type
// information a run took over 100 s on the project's 2-core machine, and `tsc --noEmit` checks the types.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";

const nodeGlobals = { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly" };

export default tseslint.config(
  { ignores: ["lib/db/generated/**", ".next/**", ".next-*/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    rules: {
      // Our validators match control characters on purpose: they refuse or strip them in user input.
      "no-control-regex": "off",
      // A leading underscore marks a value kept for its position or left out of a rest object on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  // Plain JavaScript run by Node (next.config.js, the bench's CommonJS preload).
  { files: ["**/*.js", "**/*.cjs", "**/*.mjs"], languageOptions: { globals: nodeGlobals } },
  // A .cjs file is CommonJS: require() is how it imports.
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
);
