import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { audit, AuditQuerySchema, listAudit } from "../../auth/audit";
import { revokeUserSessions } from "../../auth/sessions";
import { createUser, getUser, listUsers, NewUserSchema, updateUser, UserError, UserPatchSchema, type User } from "../../auth/users";
import { createApiKey, listApiKeys, revokeApiKey, SourceName } from "../../ingest/api-keys";
import { procedure, router } from "../../trpc/init";

/** UserError is the user's mistake (duplicate e-mail, agent without an agent name…): a 400 with its message. */
async function userErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UserError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
    throw error;
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Fields whose change signs the user out everywhere (what they may see, or how they sign in). */
const SESSION_FIELDS = ["role", "teamScope", "agentScope", "disabled"] as const;

/** The audit detail of an update: before/after of each changed field; a new password only as "reset". */
function changes(before: User, after: User, passwordReset: boolean): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  if (before.displayName !== after.displayName) detail.displayName = { before: before.displayName, after: after.displayName };
  if (before.role !== after.role) detail.role = { before: before.role, after: after.role };
  if (!sameList(before.teamScope, after.teamScope)) detail.teamScope = { before: before.teamScope, after: after.teamScope };
  if (before.agentScope !== after.agentScope) detail.agentScope = { before: before.agentScope, after: after.agentScope };
  if (before.disabled !== after.disabled) detail.disabled = { before: before.disabled, after: after.disabled };
  if (passwordReset) detail.password = "reset";
  return detail;
}

const isActiveAdmin = (u: Pick<User, "role" | "disabled">) => u.role === "admin" && !u.disabled;

const usersRouter = router({
  /** Every user, without password hashes. */
  list: procedure("admin.users").query(({ ctx }) => listUsers(ctx.db)),

  create: procedure("admin.users")
    .input(NewUserSchema)
    .mutation(async ({ ctx, input }) => {
      const user = await userErrors(() => createUser(ctx.db, input));
      await audit(
        ctx.db,
        ctx.caller,
        "user.create",
        user.email,
        { id: user.id, role: user.role, teamScope: user.teamScope, agentScope: user.agentScope },
        ctx.ip ?? "",
      );
      return user;
    }),

  update: procedure("admin.users")
    .input(z.object({ id: z.string().min(1).max(100), patch: UserPatchSchema }))
    .mutation(async ({ ctx, input }) => {
      const { id, patch } = input;
      if (id === ctx.caller.id && patch.disabled === true) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "you cannot disable your own account; another admin has to do it" });
      }
      if (id === ctx.caller.id && patch.role !== undefined && patch.role !== "admin") {
        throw new TRPCError({ code: "BAD_REQUEST", message: "you cannot remove your own admin role; another admin has to do it" });
      }
      const current = await getUser(ctx.db, id);
      if (!current) throw new TRPCError({ code: "NOT_FOUND", message: `no user with id ${id}` });
      const wouldBe = { role: patch.role ?? current.role, disabled: patch.disabled ?? current.disabled };
      if (isActiveAdmin(current) && !isActiveAdmin(wouldBe)) {
        const others = (await listUsers(ctx.db)).filter((u) => u.id !== id && isActiveAdmin(u));
        if (others.length === 0) {
          throw new TRPCError({ code: "BAD_REQUEST", message: `${current.email} is the last active admin; make someone else an admin first` });
        }
      }

      const { before, after } = await userErrors(() => updateUser(ctx.db, id, patch));
      const passwordReset = patch.password !== undefined;
      const detail = changes(before, after, passwordReset);
      if (passwordReset || SESSION_FIELDS.some((field) => field in detail)) await revokeUserSessions(ctx.db, id);
      if (Object.keys(detail).length > 0) await audit(ctx.db, ctx.caller, "user.update", after.email, { id, ...detail }, ctx.ip ?? "");
      return after;
    }),
});

const keysRouter = router({
  /** Every key without its hash (the plain key is never stored), with its creator's e-mail when known. */
  list: procedure("admin.keys").query(async ({ ctx }) => {
    const [keys, users] = await Promise.all([listApiKeys(ctx.db), listUsers(ctx.db)]);
    const emails = new Map(users.map((u) => [u.id, u.email]));
    return keys.map((k) => ({ ...k, createdByEmail: emails.get(k.created_by) ?? "" }));
  }),

  /** The plain key is in this answer only; the audit log gets the id and source, never the key. */
  create: procedure("admin.keys")
    .input(z.object({ source: SourceName }))
    .mutation(async ({ ctx, input }) => {
      const created = await createApiKey(ctx.db, input.source, ctx.caller.id);
      await audit(ctx.db, ctx.caller, "api_key.create", input.source, { id: created.id, source: input.source }, ctx.ip ?? "");
      return created;
    }),

  revoke: procedure("admin.keys")
    .input(z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, "an API key id is 16 hex digits") }))
    .mutation(async ({ ctx, input }) => {
      const key = (await listApiKeys(ctx.db)).find((k) => k.id === input.id);
      if (!key) throw new TRPCError({ code: "NOT_FOUND", message: `no API key with id ${input.id}` });
      if (key.revoked_at) return { id: key.id, alreadyRevoked: true };
      await revokeApiKey(ctx.db, input.id);
      await audit(ctx.db, ctx.caller, "api_key.revoke", key.source, { id: key.id, source: key.source }, ctx.ip ?? "");
      return { id: key.id, alreadyRevoked: false };
    }),
});

const auditRouter = router({
  /** Newest first, filtered, paged, with the total. */
  list: procedure("admin.audit")
    .input(AuditQuerySchema)
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});

export const adminRouter = router({
  users: usersRouter,
  keys: keysRouter,
  audit: auditRouter,
});
