// `npm run bench:*`: make sure dependencies are installed, then run a TypeScript entry with tsx.
import { ensureNodeModules, run } from "./bootstrap.mjs";

ensureNodeModules();
const [entry, ...args] = process.argv.slice(2);
process.exit(run(process.execPath, ["--import", "tsx", entry, ...args]));
