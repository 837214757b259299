import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../../server/clickhouse/client";
import { sql } from "../../server/clickhouse/sql";
import { audit } from "../../server/auth/audit";
import { generatePassword } from "../../server/auth/password";
import type { Role } from "../../server/auth/permissions";
import { createUser, findUserForSignIn, updateUser } from "../../server/auth/users";
import { env } from "../../server/env";

/**
 * One demo account per role, so a person trying the demo can see each role's screens. The
 * passwords are random per installation and kept in the git-ignored data folder (mode 600) so
 * that every `npm start` can print them again; a real installation creates real users instead.
 */
const DemoAccount = z.object({ email: z.string(), role: z.string(), password: z.string(), scope: z.string() });
const DemoFile = z.array(DemoAccount);
export type DemoAccountInfo = z.infer<typeof DemoAccount>;

const ROLES_IN_ORDER: Role[] = ["admin", "manager", "qa", "exec", "agent"];

export function demoAccountsFile(): string {
  return path.resolve(env().SI_DATA_DIR, "demo-accounts.json");
}

async function busiest(db: Db, column: "agent" | "team"): Promise<string> {
  const rows = await db.query(
    "demo.accounts",
    column === "agent"
      ? sql`SELECT agent AS v FROM tickets WHERE agent != '' GROUP BY agent ORDER BY count() DESC, agent LIMIT 1`
      : sql`SELECT team AS v FROM tickets GROUP BY team ORDER BY count() DESC, team LIMIT 1`,
    z.object({ v: z.string() }),
  );
  return rows[0]?.v ?? "";
}

export async function ensureDemoAccounts(db: Db): Promise<DemoAccountInfo[]> {
  const file = demoAccountsFile();
  const known = existsSync(file) ? DemoFile.parse(JSON.parse(readFileSync(file, "utf8"))) : [];
  const agent = await busiest(db, "agent");
  const out: DemoAccountInfo[] = [];
  for (const role of ROLES_IN_ORDER) {
    const email = `${role}@demo.local`;
    const remembered = known.find((a) => a.email === email);
    const existing = await findUserForSignIn(db, email);
    const scope = role === "agent" ? `agent ${agent}` : "all teams";
    if (existing && remembered) {
      out.push(remembered);
      continue;
    }
    const password = generatePassword();
    if (existing) await updateUser(db, existing.id, { password }); // the file was lost: new password
    else {
      const user = await createUser(db, { email, password, role, displayName: `Demo ${role}`, agentScope: role === "agent" ? agent : "" });
      await audit(db, { id: "setup", role: "admin" }, "user.create", user.email, { role, demo: true });
    }
    out.push({ email, role, password, scope });
  }
  writeFileSync(file, JSON.stringify(out, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return out;
}
