import { EnvError } from "../server/env";
import { SetupError, localServerStatus, startLocalServer, stopLocalServer } from "../server/clickhouse/local-server";
import { MigrationError } from "../server/clickhouse/migrate";
import { ensureSchema } from "../server/clickhouse/ensure";
import { displayUrl } from "../server/clickhouse/client";
import { env } from "../server/env";
import type { DemoAccountInfo } from "./users/demo-accounts";

// Commands are imported when run: the NLP toolkit alone takes a second and 100 MB to load,
// which a file load or a status check should not pay for.
const ingest = () => import("./ingest");
const nlp = () => import("./nlp");
const demoData = () => import("./demo/command");

const log = (line: string) => console.log(line);

function printDemoAccounts(accounts: DemoAccountInfo[], print: (line: string) => void): void {
  print("demo accounts (sign in with any of them; passwords are kept in .data/demo-accounts.json):");
  for (const a of accounts) print(`  ${a.role.padEnd(8)} ${a.email.padEnd(20)} ${a.password}   (${a.scope})`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "ch": {
      const action = rest[0] ?? "start";
      if (env().CLICKHOUSE_URL) {
        log(`CLICKHOUSE_URL is set (${displayUrl(env().CLICKHOUSE_URL!)}): the project's local server is not used`);
        return 0;
      }
      if (action === "start") log(`ClickHouse is up at ${await startLocalServer(log)}`);
      else if (action === "stop") log((await stopLocalServer()) ? "ClickHouse stopped" : "ClickHouse was not running");
      else if (action === "status") {
        const s = await localServerStatus();
        log(s.running ? `running at ${s.url}${s.ours ? ` (pid ${s.pid})` : " (not started by this project)"}` : "not running");
      } else throw new SetupError(`unknown action ${action}: use ch start|stop|status`);
      return 0;
    }
    case "migrate": {
      const { db, migrations } = await ensureSchema({ log });
      log(`migrations: ${migrations.applied.length} applied (${migrations.applied.join(", ") || "none"}), ${migrations.skipped.length} already applied`);
      await db.close();
      return 0;
    }
    case "setup": {
      const { db, migrations } = await ensureSchema({ log });
      if (migrations.applied.length) log(`migrations applied: ${migrations.applied.join(", ")}`);
      const { ensureAdminFromEnv } = await import("./users/first-admin");
      await ensureAdminFromEnv(db, log);
      if (!rest.includes("--demo")) {
        const { countUsers } = await import("../server/auth/users");
        if ((await countUsers(db)) === 0) log("no users yet: create the first admin with `npm run users -- create-admin --email you@example.com`");
        await db.close();
        return 0;
      }
      await db.close();
      const loaded = await (await demoData()).runDemoDataCommand([], log);
      // Tag the demo conversations so sentiment shows at once; incremental, so a re-run is quick.
      const tagged = loaded === 0 ? await (await nlp()).runNlpCommand(["--kinds", "conversation"], log) : loaded;
      if (tagged !== 0) return tagged;
      const again = await ensureSchema();
      // The tags changed the conversations' rollups (sentiment): make them before the first request.
      const { readState } = await import("../server/kpi/read-state");
      const { ensureDemoAccounts } = await import("./users/demo-accounts");
      await readState(again.db, { fcrWindowDays: env().SI_FCR_WINDOW_DAYS, timezone: env().SI_TIMEZONE, rollups: "wait" });
      printDemoAccounts(await ensureDemoAccounts(again.db), log);
      await again.db.close();
      return 0;
    }
    case "users":
      return (await import("./users/command")).runUsersCommand(rest, log);
    case "demo-data":
      return (await demoData()).runDemoDataCommand(rest, log);
    case "ingest":
      return (await ingest()).runIngestCommand(rest, log);
    case "worker":
      return (await ingest()).runWorkerCommand(rest, log);
    case "nlp":
      return (await nlp()).runNlpCommand(rest, log);
    case "eval-nlp":
      return (await nlp()).runEvalCommand(rest, log);
    default:
      log(
        "usage: cli <ch start|stop|status | migrate | setup [--demo] | users … | demo-data [--scale N] [--seed S] [--end YYYY-MM-DD] [--force] | ingest … | worker … | nlp … | eval-nlp …>",
      );
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One line that says what is wrong; the stack only when asked for (SI_DEBUG=1).
    const known = error instanceof SetupError || error instanceof MigrationError || error instanceof EnvError;
    console.error(`error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    if (!known && process.env.SI_DEBUG) console.error(error);
    process.exit(1);
  },
);
