import { parseCookie } from "cookie";
import { db as defaultDb, type Db } from "../clickhouse/client";
import type { Role } from "./permissions";
import { findSession, SESSION_COOKIE } from "./sessions";
import { getUser } from "./users";

/** Who is calling, as every procedure and route sees it. */
export interface Caller {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** Teams whose rows this caller may see; null = all teams. */
  teamScope: string[] | null;
  /** The one agent whose rows this caller may see (the agent role); null = no agent limit. */
  agentScope: string | null;
}

export function sessionToken(headers: Headers): string | undefined {
  const header = headers.get("cookie");
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** The signed-in user behind the request's session cookie, or null. */
export async function resolveCaller(headers: Headers, dbx: Db = defaultDb()): Promise<Caller | null> {
  const token = sessionToken(headers);
  if (!token) return null;
  const session = await findSession(dbx, token);
  if (!session) return null;
  const user = await getUser(dbx, session.userId);
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    teamScope: user.teamScope.length ? user.teamScope : null,
    agentScope: user.role === "agent" ? user.agentScope || "\u0000no agent" : null,
  };
}

/** The client address for the audit log and the attempt limiter (first hop of X-Forwarded-For). */
export function clientIp(headers: Headers): string {
  return (headers.get("x-forwarded-for") ?? "").split(",")[0]!.trim() || headers.get("x-real-ip") || "";
}
