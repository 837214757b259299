import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql } from "../clickhouse/sql";
import { audit, NOBODY } from "./audit";
import { burnDecoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from "./password";
import { createSession } from "./sessions";
import { EmailSchema, findUserForSignIn, type User } from "./users";

/**
 * Password sign-in with two brakes: per address, 5 failures within 15 minutes (since the last
 * success) lock it for 15 minutes after the last failure, counted from the audit log so every
 * instance of the app agrees; per client address, at most 30 attempts in 10 minutes (in memory).
 */
export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const IP_LIMIT = { attempts: 30, windowMs: 10 * 60_000 };

export type SignInResult =
  | { ok: true; user: User; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "locked" | "rate_limited"; retryAfterS?: number };

export class AttemptLimiter {
  private readonly seen = new Map<string, number[]>();
  constructor(private readonly limit = IP_LIMIT) {}

  /** Records an attempt; returns seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const recent = (this.seen.get(key) ?? []).filter((t) => now - t < this.limit.windowMs);
    if (recent.length >= this.limit.attempts) {
      this.seen.set(key, recent);
      return Math.ceil((recent[0]! + this.limit.windowMs - now) / 1000);
    }
    recent.push(now);
    this.seen.set(key, recent);
    if (this.seen.size > 10_000) this.seen.delete(this.seen.keys().next().value!);
    return 0;
  }
}

const defaultLimiter = new AttemptLimiter();

async function lockedFor(db: Db, email: string, now: Date): Promise<number> {
  const [row] = await db.query(
    "auth.lockout",
    sql`SELECT count() AS failures, toUnixTimestamp(max(at)) AS last FROM audit_log
        WHERE action = 'auth.sign_in_failed' AND target = ${email} AND at > ${new Date(now.getTime() - LOCKOUT.windowMs)}
          AND at >= (SELECT max(at) FROM audit_log WHERE action = 'auth.sign_in' AND target = ${email})`,
    z.object({ failures: z.coerce.number(), last: z.coerce.number() }),
  );
  if (!row || row.failures < LOCKOUT.failures) return 0;
  return Math.max(0, Math.ceil((row.last * 1000 + LOCKOUT.lockMs - now.getTime()) / 1000));
}

export interface SignInOptions {
  ip: string;
  sessionTtlMs: number;
  now?: Date;
  limiter?: AttemptLimiter;
}

export async function signIn(db: Db, emailInput: string, password: string, options: SignInOptions): Promise<SignInResult> {
  const now = options.now ?? new Date();
  const wait = (options.limiter ?? defaultLimiter).hit(options.ip || "unknown", now.getTime());
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterS: wait };
  const email = EmailSchema.safeParse(emailInput);
  if (!email.success || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
    await burnDecoyHash(password.slice(0, MAX_PASSWORD_LENGTH));
    return { ok: false, reason: "invalid" };
  }
  const fail = async (actor: { id: string; role: string }, why: string) => {
    await audit(db, actor, "auth.sign_in_failed", email.data, { reason: why }, options.ip);
  };
  const locked = await lockedFor(db, email.data, now);
  if (locked > 0) {
    await fail(NOBODY, "locked");
    return { ok: false, reason: "locked", retryAfterS: locked };
  }
  const user = await findUserForSignIn(db, email.data);
  if (!user) {
    await burnDecoyHash(password);
    await fail(NOBODY, "unknown_user");
    return { ok: false, reason: "invalid" };
  }
  const good = await verifyPassword(password, user.passwordHash);
  if (!good || user.disabled) {
    await fail({ id: user.id, role: user.role }, good ? "disabled" : "wrong_password");
    return { ok: false, reason: "invalid" };
  }
  const { token, expiresAt } = await createSession(db, user.id, options.sessionTtlMs, now);
  await audit(db, { id: user.id, role: user.role }, "auth.sign_in", email.data, {}, options.ip);
  const { passwordHash: _hash, ...plain } = user;
  return { ok: true, user: plain, token, expiresAt };
}
