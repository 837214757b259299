/**
 * `cli users create-admin --email E [--name N] [--password-stdin]`
 * `cli users add --email E --role R [--team T]… [--agent A] [--name N] [--password-stdin]`
 * `cli users list` · `cli users disable|enable --email E` · `cli users reset-password --email E [--password-stdin]`
 * Without --password-stdin a strong password is generated and printed once.
 */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import type { Db } from "../../server/clickhouse/client";
import { ensureSchema } from "../../server/clickhouse/ensure";
import { audit, type Actor } from "../../server/auth/audit";
import { generatePassword } from "../../server/auth/password";
import { ROLES, type Role } from "../../server/auth/permissions";
import { revokeUserSessions } from "../../server/auth/sessions";
import { createUser, findUserForSignIn, listUsers, updateUser, UserError } from "../../server/auth/users";

const USAGE = [
  "usage: npm run users -- create-admin --email E [--name N] [--password-stdin]",
  "       npm run users -- add --email E --role admin|manager|qa|exec|agent [--team T]… [--agent A] [--name N] [--password-stdin]",
  "       npm run users -- list | disable --email E | enable --email E | reset-password --email E [--password-stdin]",
].join("\n");

/** The command line acts as an admin; the audit log names the operating-system user. */
const cliActor = (): Actor => ({ id: `cli:${userInfo().username}`, role: "admin" });

async function readPasswordFromStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? "";
}

/** The password to set, and what to print once it is set (only a generated one is shown). */
async function passwordFor(flags: { "password-stdin"?: boolean }, email: string): Promise<{ password: string; notice: string | null }> {
  if (flags["password-stdin"]) return { password: await readPasswordFromStdin(), notice: null };
  const password = generatePassword();
  return { password, notice: `password for ${email} (shown once, store it now): ${password}` };
}

async function byEmail(db: Db, email: string | undefined) {
  if (!email) throw new UserError("--email is required");
  const user = await findUserForSignIn(db, email);
  if (!user) throw new UserError(`no user with e-mail ${email}`);
  return user;
}

export async function runUsersCommand(args: string[], log: (line: string) => void): Promise<number> {
  const [action, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        team: { type: "string", multiple: true },
        agent: { type: "string" },
        "password-stdin": { type: "boolean" },
      },
      strict: true,
    });
  } catch (error) {
    log(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const flags = parsed.values;
  const { db } = await ensureSchema();
  try {
    switch (action) {
      case "create-admin":
      case "add": {
        const role = (action === "create-admin" ? "admin" : flags.role) as Role | undefined;
        if (!role || !ROLES.includes(role)) throw new UserError(`--role must be one of ${ROLES.join(", ")}`);
        if (!flags.email) throw new UserError("--email is required");
        const { password, notice } = await passwordFor(flags, flags.email);
        const user = await createUser(db, {
          email: flags.email,
          displayName: flags.name ?? "",
          role,
          teamScope: flags.team ?? [],
          agentScope: flags.agent ?? "",
          password,
        });
        if (notice) log(notice);
        await audit(db, cliActor(), "user.create", user.email, { role: user.role, teamScope: user.teamScope, agentScope: user.agentScope });
        log(`created ${user.role} ${user.email} (id ${user.id})`);
        return 0;
      }
      case "list": {
        const users = await listUsers(db);
        if (users.length === 0) log("no users: create the first admin with `npm run users -- create-admin --email you@example.com`");
        for (const u of users) {
          const scope = [u.teamScope.length ? `teams ${u.teamScope.join(", ")}` : "all teams", u.agentScope ? `agent ${u.agentScope}` : ""].filter(Boolean).join("; ");
          log(`${u.email}\t${u.role}\t${scope}\t${u.disabled ? "disabled" : "active"}\t${u.id}`);
        }
        return 0;
      }
      case "disable":
      case "enable": {
        const user = await byEmail(db, flags.email);
        await updateUser(db, user.id, { disabled: action === "disable" });
        if (action === "disable") await revokeUserSessions(db, user.id);
        await audit(db, cliActor(), "user.update", user.email, { disabled: { before: user.disabled, after: action === "disable" } });
        log(`${user.email} ${action}d`);
        return 0;
      }
      case "reset-password": {
        const user = await byEmail(db, flags.email);
        const { password, notice } = await passwordFor(flags, user.email);
        await updateUser(db, user.id, { password });
        if (notice) log(notice);
        await revokeUserSessions(db, user.id);
        await audit(db, cliActor(), "user.update", user.email, { password: "reset" });
        log(`password of ${user.email} reset; their sessions are signed out`);
        return 0;
      }
      default:
        log(USAGE);
        return action ? 2 : 0;
    }
  } catch (error) {
    if (error instanceof UserError) {
      log(`error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
