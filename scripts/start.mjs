// `npm start`: install what is missing, start ClickHouse, migrate, load demo data (once),
// build the dashboard when the sources changed, and serve it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { cli, ensureNodeModules, root, run } from "./bootstrap.mjs";

const port = process.env.PORT ?? "3000";
const portFree = await new Promise((resolve) => {
  const probe = net.createServer();
  probe.once("error", () => resolve(false));
  probe.listen(Number(port), () => probe.close(() => resolve(true)));
});
if (!portFree) {
  console.error(`error: port ${port} is already in use (is the dashboard already running?): stop that program, or set PORT to a free port`);
  process.exit(1);
}

ensureNodeModules();
cli(["setup", "--demo"]);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name === "tests" || entry.name === "bench") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(tsx?|css|js|mjs|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const buildId = path.join(root, ".next", "BUILD_ID");
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource(root)) {
  console.log("building the dashboard (next build)…");
  if (run(process.execPath, ["node_modules/next/dist/bin/next", "build"]) !== 0) process.exit(1);
}
console.log(`Support Insights: http://localhost:${port}`);
// The demo accounts again, last, so they are on screen when the server is up (setup printed them first).
const accounts = path.resolve(root, process.env.SI_DATA_DIR || ".data", "demo-accounts.json");
if (existsSync(accounts)) {
  console.log("sign in with a demo account:");
  for (const a of JSON.parse(readFileSync(accounts, "utf8"))) console.log(`  ${a.role.padEnd(8)} ${a.email.padEnd(20)} ${a.password}   (${a.scope})`);
}
process.exit(run(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port]));
