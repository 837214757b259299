import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { nextVersion } from "../clickhouse/row-version";
import { formatDateTime, sql } from "../clickhouse/sql";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";
import { ROLES, type Role } from "./permissions";

/** Users live in a ReplacingMergeTree: every change writes the whole row with a higher version. */

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, "an e-mail address looks like name@example.com");
export const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password has at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);
const ScopeName = z.string().trim().min(1).max(200);

export const NewUserSchema = z.object({
  email: EmailSchema,
  displayName: z.string().trim().max(200).default(""),
  role: z.enum(ROLES),
  /** Teams whose rows the user sees; empty = every team. */
  teamScope: z.array(ScopeName).max(200).default([]),
  /** For the agent role: the agent whose rows they see (required for agents). */
  agentScope: z.string().trim().max(200).default(""),
  password: PasswordSchema,
});
export type NewUser = z.input<typeof NewUserSchema>;

const UserRow = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  team_scope: z.array(z.string()),
  agent_scope: z.string(),
  password_hash: z.string(),
  disabled: z.coerce.number(),
  created_at: z.string(),
});

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  teamScope: string[];
  agentScope: string;
  disabled: boolean;
  createdAt: string;
}

export class UserError extends Error {}

const fromRow = (r: z.infer<typeof UserRow>): User & { passwordHash: string } => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  teamScope: r.team_scope,
  agentScope: r.agent_scope,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  passwordHash: r.password_hash,
});

const SELECT = sql`SELECT id, email, display_name, role, team_scope, agent_scope, password_hash, disabled, toString(created_at) AS created_at FROM users FINAL`;

async function select(db: Db, where: ReturnType<typeof sql>): Promise<(User & { passwordHash: string })[]> {
  const rows = await db.query("auth.users", sql`${SELECT} WHERE ${where} ORDER BY email`, UserRow);
  return rows.map(fromRow);
}

/** With the password hash: only sign-in needs it. */
export async function findUserForSignIn(db: Db, email: string): Promise<(User & { passwordHash: string }) | undefined> {
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) return undefined;
  return (await select(db, sql`email = ${parsed.data}`))[0];
}

const withoutHash = ({ passwordHash: _hash, ...user }: User & { passwordHash: string }): User => user;

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const found = (await select(db, sql`id = ${id}`))[0];
  return found && withoutHash(found);
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await select(db, sql`1`)).map(withoutHash);
}

export async function countUsers(db: Db, role?: Role): Promise<number> {
  const rows = await db.query(
    "auth.users",
    role ? sql`SELECT count() AS n FROM users FINAL WHERE role = ${role}` : sql`SELECT count() AS n FROM users FINAL`,
    z.object({ n: z.coerce.number() }),
  );
  return rows[0]?.n ?? 0;
}

async function write(db: Db, user: User, passwordHash: string): Promise<void> {
  await db.insert("auth.users", "users", [
    {
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      team_scope: user.teamScope,
      agent_scope: user.agentScope,
      password_hash: passwordHash,
      disabled: user.disabled ? 1 : 0,
      created_at: user.createdAt,
      version: nextVersion(),
    },
  ]);
}

function checkScope(role: Role, agentScope: string): void {
  if (role === "agent" && !agentScope) throw new UserError("an agent needs --agent NAME: the agent whose conversations they may see");
}

export async function createUser(db: Db, input: NewUser): Promise<User> {
  const parsed = NewUserSchema.safeParse(input);
  if (!parsed.success) throw new UserError(parsed.error.issues.map((i) => `${i.path.join(".") || "user"}: ${i.message}`).join("; "));
  const u = parsed.data;
  checkScope(u.role, u.agentScope);
  if (await findUserForSignIn(db, u.email)) throw new UserError(`a user with e-mail ${u.email} already exists`);
  const user: User = {
    id: randomBytes(8).toString("hex"),
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    teamScope: u.teamScope,
    agentScope: u.role === "agent" ? u.agentScope : "",
    disabled: false,
    createdAt: formatDateTime(new Date()),
  };
  await write(db, user, await hashPassword(u.password));
  return user;
}

export const UserPatchSchema = z.object({
  displayName: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  teamScope: z.array(ScopeName).max(200).optional(),
  agentScope: z.string().trim().max(200).optional(),
  disabled: z.boolean().optional(),
  password: PasswordSchema.optional(),
});
export type UserPatch = z.input<typeof UserPatchSchema>;

/** Applies a change; returns the user before and after (for the audit log). */
export async function updateUser(db: Db, id: string, patch: UserPatch): Promise<{ before: User; after: User }> {
  const p = UserPatchSchema.parse(patch);
  const current = (await select(db, sql`id = ${id}`))[0];
  if (!current) throw new UserError(`no user with id ${id}`);
  const before = withoutHash(current);
  const role = p.role ?? before.role;
  const after: User = {
    ...before,
    displayName: p.displayName ?? before.displayName,
    role,
    teamScope: p.teamScope ?? before.teamScope,
    agentScope: role === "agent" ? (p.agentScope ?? before.agentScope) : "",
    disabled: p.disabled ?? before.disabled,
  };
  checkScope(after.role, after.agentScope);
  await write(db, after, p.password ? await hashPassword(p.password) : current.passwordHash);
  return { before, after };
}
