import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Db } from "../clickhouse/client";
import { can, type Permission } from "../auth/permissions";
import type { Caller } from "../auth/caller";
import type { DedupState } from "../clickhouse/latest-rows";
import type { FollowUpState } from "../kpi/follow-ups";
import type { RollupState } from "../kpi/rollup-state";
import { readState } from "../kpi/read-state";

export interface Context {
  caller: Caller | null;
  db: Db;
  timezone: string;
  fcrWindowDays: number;
  now: () => Date;
  /** The client address, for the audit log. */
  ip?: string;
  /** Which months of the record tables need no FINAL (set for procedures that read records). */
  dedup?: DedupState;
  /** FCR follow-ups for the current data (set with `dedup`). */
  followUps?: FollowUpState;
  /** Daily rollups ready to read (set with `dedup`). */
  rollups?: RollupState;
}

export interface Meta {
  permission: Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause.issues.map((i) => `${i.path.join(".")}: ${i.message}`) : null;
      return { ...shape, data: { ...shape.data, validation: zodError } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one base procedure: it receives the caller; sign-in and roles plug in here. */
const baseProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.caller) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { ...ctx, caller: ctx.caller } });
});

/** Permissions whose procedures read tickets, conversations or surveys in bulk. */
const READS_RECORDS: ReadonlySet<Permission> = new Set(["dashboard.view", "dashboard.export", "people.view"]);

/** A procedure that requires `permission`; every procedure in the app is built with this. */
export function procedure(permission: Permission) {
  return baseProcedure.meta({ permission }).use(async ({ ctx, next }) => {
    if (!can(ctx.caller.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `role ${ctx.caller.role} may not ${permission}` });
    }
    if (!READS_RECORDS.has(permission) || ctx.dedup) return next();
    return next({ ctx: { ...ctx, ...(await readState(ctx.db, { fcrWindowDays: ctx.fcrWindowDays, timezone: ctx.timezone })) } });
  });
}
