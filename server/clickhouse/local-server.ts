import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, accessSync, constants } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { env } from "../env";

/** A set-up problem the user can fix; the message is one line that names the fix. */
export class SetupError extends Error {}

export interface LocalServerPaths {
  root: string;
  config: string;
  users: string;
  pidFile: string;
  log: string;
  errorLog: string;
  stdout: string;
}

export function localServerPaths(): LocalServerPaths {
  const root = path.resolve(env().SI_DATA_DIR, "clickhouse");
  return {
    root,
    config: path.join(root, "config.xml"),
    users: path.join(root, "users.xml"),
    pidFile: path.join(root, "server.pid"),
    log: path.join(root, "log", "server.log"),
    errorLog: path.join(root, "log", "server.err.log"),
    stdout: path.join(root, "log", "stdout.log"),
  };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `clickhouse-<mode>`, or the `clickhouse` binary's `<mode>` subcommand, from PATH or the
 * system directories (Debian installs the server into /usr/sbin, not on every user's PATH).
 */
function findCommand(mode: "server" | "client"): { command: string; args: string[] } | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"].filter(Boolean);
  for (const dir of dirs) {
    const own = path.join(dir, `clickhouse-${mode}`);
    if (isExecutable(own)) return { command: own, args: [] };
  }
  for (const dir of dirs) {
    const multi = path.join(dir, "clickhouse");
    if (isExecutable(multi)) return { command: multi, args: [mode] };
  }
  return undefined;
}

/** The server command: `clickhouse-server`, or `clickhouse server`. */
export function findServerCommand(): { command: string; args: string[] } | undefined {
  return findCommand("server");
}

export function installServerPackage(
  log: (line: string) => void,
  facts = { isRoot: process.getuid?.() === 0, hasApt: existsSync("/usr/bin/apt-get") },
): void {
  installDebianPackage("clickhouse-server", "ClickHouse is not installed", ", or set CLICKHOUSE_URL to an existing server", log, facts);
}

/** Installs one of Debian's packages when running as root with apt, or says exactly how to. */
export function installDebianPackage(
  pkg: string,
  missing: string,
  alternative: string,
  log: (line: string) => void,
  facts = { isRoot: process.getuid?.() === 0, hasApt: existsSync("/usr/bin/apt-get") },
): void {
  const { isRoot, hasApt } = facts;
  if (!isRoot || !hasApt) throw new SetupError(`${missing}: run \`sudo apt-get install -y ${pkg}\` (Debian/Ubuntu)${alternative}`);
  log(`${missing}: installing Debian's ${pkg} package (apt-get)…`);
  const opts = { stdio: "inherit" as const, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  let result = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], opts);
  if (result.status !== 0) {
    spawnSync("apt-get", ["update"], opts);
    result = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], opts);
  }
  if (result.status !== 0) throw new SetupError(`could not install ${pkg} with apt-get: install \`${pkg}\` by hand${alternative}`);
}

/** clickhouse-client, or the `clickhouse` binary's client mode, installing Debian's package when it is missing. */
export function clientCommand(log: (line: string) => void): { command: string; args: string[] } {
  const found = findCommand("client");
  if (found) return found;
  installDebianPackage("clickhouse-client", "clickhouse-client is not installed", "", log);
  const installed = findCommand("client");
  if (!installed) throw new SetupError("clickhouse-client was installed but is not on PATH or in /usr/bin");
  return installed;
}

function configXml(p: LocalServerPaths, httpPort: number, tcpPort: number): string {
  const data = p.root + "/data/";
  return `<?xml version="1.0"?>
<!-- Written by Support Insights (server/clickhouse/local-server.ts); rewritten on every start. -->
<yandex>
  <logger>
    <level>warning</level>
    <log>${p.log}</log>
    <errorlog>${p.errorLog}</errorlog>
    <size>50M</size>
    <count>2</count>
  </logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${data}</path>
  <tmp_path>${data}tmp/</tmp_path>
  <user_files_path>${data}user_files/</user_files_path>
  <format_schema_path>${data}format_schemas/</format_schema_path>
  <users_config>${p.users}</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>1073741824</mark_cache_size>
  <uncompressed_cache_size>1073741824</uncompressed_cache_size>
  <max_concurrent_queries>200</max_concurrent_queries>
  <keep_alive_timeout>10</keep_alive_timeout>
</yandex>
`;
}

/**
 * 18.16 sizes max_threads by physical cores, which a VM often reports as one: every query then
 * ran on one thread of the two this machine has.
 */
const QUERY_THREADS = Math.max(1, os.availableParallelism());

const USERS_XML = `<?xml version="1.0"?>
<!-- Loopback-only development server: the default user has no password and cannot be reached from outside. -->
<yandex>
  <profiles>
    <default>
      <max_memory_usage>10000000000</max_memory_usage>
      <max_threads>${QUERY_THREADS}</max_threads>
      <load_balancing>random</load_balancing>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>::1</ip><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default>
      <interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval>
    </default>
  </quotas>
</yandex>
`;

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function ping(url: string): Promise<"ok" | "other" | "down"> {
  try {
    const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2000) });
    const body = await response.text();
    return body.trim() === "Ok." ? "ok" : "other";
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === "ECONNREFUSED" ? "down" : "other";
  }
}

function readPid(p: LocalServerPaths): number | undefined {
  if (!existsSync(p.pidFile)) return undefined;
  const pid = Number(readFileSync(p.pidFile, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** True when `pid` is alive and is the server we started with our config file. */
function isOurServer(pid: number, p: LocalServerPaths): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(p.config);
  } catch {
    return true; // no /proc: trust the live pid
  }
}

function tail(file: string, lines = 5): string {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-lines).join(" | ");
  } catch {
    return "";
  }
}

export interface LocalServerStatus {
  running: boolean;
  ours: boolean;
  url: string;
  pid?: number;
}

export async function localServerStatus(): Promise<LocalServerStatus> {
  const p = localServerPaths();
  const url = `http://127.0.0.1:${env().SI_CLICKHOUSE_HTTP_PORT}`;
  const pid = readPid(p);
  const ours = pid !== undefined && isOurServer(pid, p);
  const state = await ping(url);
  return { running: state === "ok", ours, url, pid: ours ? pid : undefined };
}

/** Starts the project's ClickHouse unless it already runs; returns its HTTP URL. */
export async function startLocalServer(log: (line: string) => void = () => {}): Promise<string> {
  const e = env();
  const p = localServerPaths();
  const httpPort = e.SI_CLICKHOUSE_HTTP_PORT;
  const tcpPort = e.SI_CLICKHOUSE_TCP_PORT;
  const url = `http://127.0.0.1:${httpPort}`;
  const pid = readPid(p);
  const ours = pid !== undefined && isOurServer(pid, p);
  const state = await ping(url);

  if (ours && state === "ok") return url;
  if (!ours && state !== "down") {
    throw new SetupError(
      `port ${httpPort} is already used by another program: stop it, or set SI_CLICKHOUSE_HTTP_PORT to a free port (or CLICKHOUSE_URL to use that server)`,
    );
  }
  if (ours && state !== "ok") {
    // Ours but not answering yet (still starting): wait for it below instead of starting twice.
    return waitForPing(url, pid!, p);
  }
  if (await portInUse(tcpPort)) {
    throw new SetupError(`port ${tcpPort} is already used by another program: stop it, or set SI_CLICKHOUSE_TCP_PORT to a free port`);
  }

  let server = findServerCommand();
  if (!server) {
    installServerPackage(log);
    server = findServerCommand();
    if (!server) throw new SetupError("ClickHouse was installed but no clickhouse-server binary was found on PATH or in /usr/sbin");
  }

  mkdirSync(path.dirname(p.log), { recursive: true });
  mkdirSync(path.join(p.root, "data"), { recursive: true });
  writeFileSync(p.config, configXml(p, httpPort, tcpPort));
  writeFileSync(p.users, USERS_XML);

  log(`starting ClickHouse (${server.command}) on 127.0.0.1:${httpPort}, data in ${p.root}`);
  const out = openSync(p.stdout, "a");
  const child = spawn(server.command, [...server.args, `--config-file=${p.config}`], {
    detached: true,
    stdio: ["ignore", out, out],
    cwd: p.root,
  });
  if (child.pid === undefined) throw new SetupError(`could not start ${server.command}`);
  writeFileSync(p.pidFile, String(child.pid));
  child.unref();
  return waitForPing(url, child.pid, p);
}

async function waitForPing(url: string, pid: number, p: LocalServerPaths): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await ping(url)) === "ok") return url;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(p.pidFile, { force: true });
      const why = tail(p.errorLog) || tail(p.stdout) || "no log output";
      throw new SetupError(`ClickHouse exited while starting (${why}); see ${p.errorLog}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new SetupError(`ClickHouse did not answer on ${url}/ping within 60 s; see ${p.errorLog}`);
}

/** Stops the project's ClickHouse if it runs; returns whether it did. */
export async function stopLocalServer(): Promise<boolean> {
  const p = localServerPaths();
  const pid = readPid(p);
  if (pid === undefined || !isOurServer(pid, p)) {
    rmSync(p.pidFile, { force: true });
    return false;
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(p.pidFile, { force: true });
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.kill(pid, "SIGKILL");
  rmSync(p.pidFile, { force: true });
  return true;
}
