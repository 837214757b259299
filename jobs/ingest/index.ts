export { runIngestCommand } from "./command";
export { runWorkerCommand } from "./worker";
