// Whether `npm start` must build first: no build yet, or a source file newer than it. Also asked by the
// newcomer e2e test, which runs `npm start` and must not set off a build in the middle of a test run.
import fs from "node:fs";
import path from "node:path";

export function needsBuild(): boolean {
  const id = path.resolve(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.existsSync(dir) &&
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) return false;
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built;
    });
  return ["app", "components", "lib", "public"].some((d) => newer(path.resolve(d))) ||
    ["package.json", "next.config.js"].some((f) => fs.statSync(f).mtimeMs > built);
}
