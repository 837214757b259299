// Plain Node (no dependencies): runs before node_modules exists on a fresh clone.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Installs dependencies from the lock file when node_modules is missing or older than the lock. */
export function ensureNodeModules() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // `npm install` with the lock file installs the locked versions; `npm ci` would refuse to run
  // on registries (mirrors) that lack other platforms' optional packages such as @next/swc-darwin-*.
  console.log("installing dependencies (npm install, locked versions)…");
  const status = run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
  if (status !== 0) {
    console.error("error: `npm install` failed: check the npm registry is reachable, then run `npm install` by hand");
    process.exit(status);
  }
}

/** Runs a project command (jobs/cli.ts) with tsx; exits on failure. */
export function cli(args, options = {}) {
  const status = run(process.execPath, ["--import", "tsx", "jobs/cli.ts", ...args], options);
  if (status !== 0 && !options.allowFailure) process.exit(status);
  return status;
}

export function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Installs Debian's chromium (and a CJK font, so screenshots show Chinese) for the browser tests when missing (root with apt only). */
export function ensureChromium() {
  const hasCjkFont = existsSync("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc") || existsSync("/usr/share/fonts/opentype/noto");
  if (findChromium()) {
    if (!hasCjkFont && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
      run("apt-get", ["install", "-y", "--no-install-recommends", "fonts-wqy-zenhei"], { env: { DEBIAN_FRONTEND: "noninteractive" } });
    }
    return;
  }
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    console.error("error: Chromium is needed for the browser tests: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH)");
    process.exit(1);
  }
  console.log("installing Debian's chromium for the browser tests (apt-get)…");
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  const packages = ["chromium", "fonts-wqy-zenhei"];
  if (run("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { env }) !== 0) {
    run("apt-get", ["update"], { env });
    if (run("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { env }) !== 0) {
      console.error("error: could not install chromium with apt-get: install it by hand or set CHROMIUM_PATH");
      process.exit(1);
    }
  }
}
