// `npm test`: everything, in the order that fails fastest: lint, types, unit and integration
// tests on a real ClickHouse (including the SQL fuzz test), a production build, browser tests.
import { ensureChromium, ensureNodeModules, run } from "./bootstrap.mjs";

ensureNodeModules();
ensureChromium();

const node = process.execPath;
const steps = [
  ["lint", [node, "node_modules/eslint/bin/eslint.js", ".", "--max-warnings=0"]],
  ["typecheck", [node, "node_modules/typescript/bin/tsc", "--noEmit"]],
  ["unit + integration tests", [node, "node_modules/vitest/vitest.mjs", "run", "--project", "unit", "--project", "integration"]],
  ["production build", [node, "node_modules/next/dist/bin/next", "build"]],
  ["browser tests", [node, "node_modules/vitest/vitest.mjs", "run", "--project", "e2e"]],
];

const started = Date.now();
for (const [name, [command, ...args]] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const status = run(command, args);
  console.log(`${status === 0 ? "✔" : "✘"} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (status !== 0) {
    console.error(`\nnpm test failed at: ${name}`);
    process.exit(status);
  }
}
console.log(`\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
