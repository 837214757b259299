import { createHash, randomBytes } from "node:crypto";
import { stringifySetCookie } from "cookie";
import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { nextVersion } from "../clickhouse/row-version";
import { formatDateTime, sql } from "../clickhouse/sql";

/**
 * A session is a random token in an http-only cookie; the table keeps only its SHA-256, so a
 * leaked table (or backup) signs no one in.
 */
export const SESSION_COOKIE = "si_session";
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface Session {
  userId: string;
  expiresAt: Date;
}

export async function createSession(db: Db, userId: string, ttlMs: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.insert("auth.sessions", "sessions", [
    { token_hash: hashToken(token), user_id: userId, created_at: formatDateTime(now), expires_at: formatDateTime(expiresAt), revoked: 0, version: nextVersion() },
  ]);
  return { token, expiresAt };
}

const SessionRow = z.object({ user_id: z.string(), expires_at: z.coerce.number(), revoked: z.coerce.number() });

/** The live session a token names, or null (unknown, revoked or expired). */
export async function findSession(db: Db, token: string, now = new Date()): Promise<Session | null> {
  if (!TOKEN.test(token)) return null;
  const rows = await db.query(
    "auth.sessions",
    sql`SELECT user_id, toUnixTimestamp(expires_at) AS expires_at, revoked FROM sessions FINAL WHERE token_hash = ${hashToken(token)}`,
    SessionRow,
  );
  const row = rows[0];
  if (!row || row.revoked === 1 || row.expires_at * 1000 <= now.getTime()) return null;
  return { userId: row.user_id, expiresAt: new Date(row.expires_at * 1000) };
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  if (!TOKEN.test(token)) return;
  await db.exec(
    "auth.sessions",
    sql`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked, version)
        SELECT token_hash, user_id, created_at, expires_at, 1, ${nextVersion()} FROM sessions FINAL WHERE token_hash = ${hashToken(token)}`,
  );
}

/** Signs a user out everywhere: on disabling them, changing their role or password. */
export async function revokeUserSessions(db: Db, userId: string): Promise<void> {
  await db.exec(
    "auth.sessions",
    sql`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked, version)
        SELECT token_hash, user_id, created_at, expires_at, 1, ${nextVersion()} FROM sessions FINAL
        WHERE user_id = ${userId} AND revoked = 0 AND expires_at > now()`,
  );
}

/** The Set-Cookie value: http-only, SameSite=Lax, Secure when served over https. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return stringifySetCookie({ name: SESSION_COOKIE, value: token, path: "/", httpOnly: true, sameSite: "lax", maxAge, secure });
}

export function clearedSessionCookie(secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: "", path: "/", httpOnly: true, sameSite: "lax", maxAge: 0, secure });
}
