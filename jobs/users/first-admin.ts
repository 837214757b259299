import type { Db } from "../../server/clickhouse/client";
import { audit } from "../../server/auth/audit";
import { countUsers, createUser } from "../../server/auth/users";
import { env } from "../../server/env";

/** With SI_ADMIN_EMAIL and SI_ADMIN_PASSWORD set, creates that admin when there is no admin yet. */
export async function ensureAdminFromEnv(db: Db, log: (line: string) => void): Promise<void> {
  const { SI_ADMIN_EMAIL: email, SI_ADMIN_PASSWORD: password } = env();
  if (!email && !password) return;
  if (!email || !password) throw new Error("set both SI_ADMIN_EMAIL and SI_ADMIN_PASSWORD (or neither)");
  if ((await countUsers(db, "admin")) > 0) return;
  const user = await createUser(db, { email, password, role: "admin", displayName: "Administrator" });
  await audit(db, { id: "setup", role: "admin" }, "user.create", user.email, { role: "admin", from: "SI_ADMIN_EMAIL" });
  log(`created the first admin ${user.email} from SI_ADMIN_EMAIL / SI_ADMIN_PASSWORD`);
}
