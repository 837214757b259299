export { runNlpCommand } from "./command";
export { runEvalCommand } from "./eval/command";
