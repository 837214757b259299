// `npm run <command>`: make sure dependencies are installed, then run the project CLI.
import { cli, ensureNodeModules } from "./bootstrap.mjs";

ensureNodeModules();
process.exit(cli(process.argv.slice(2), { allowFailure: true }));
