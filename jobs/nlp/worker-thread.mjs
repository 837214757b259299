// Entry of an NLP worker thread. Plain JavaScript on purpose: a thread does not inherit the tsx
// loader of the process that starts it (not even with --import in execArgv on Node 20), so it
// loads the TypeScript worker through tsx's API.
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
