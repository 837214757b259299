import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { audit } from "./audit";
import { clientIp, resolveCaller, sessionToken } from "./caller";
import { crossSiteRefusal, isHttps, readSmallBody, safeNextPath } from "./request-guard";
import { clearedSessionCookie, revokeSession, sessionCookie } from "./sessions";
import { signIn, type AttemptLimiter } from "./sign-in";

/** The sign-in and sign-out endpoints, apart from Next.js so tests can call them with their own database. */

const Body = z.object({ email: z.string().max(300).default(""), password: z.string().max(1000).default(""), next: z.string().max(2000).optional() });

/**
 * POST with a form (the sign-in page works without JavaScript: 303 back to the page asked for,
 * or to /sign-in with the reason) or JSON (200 / 401 / 423 / 429).
 */
export async function handleSignIn(req: Request, deps: { db: Db; sessionTtlMs: number; limiter?: AttemptLimiter }): Promise<Response> {
  const refused = crossSiteRefusal(req);
  if (refused) return Response.json({ error: refused }, { status: 403 });
  const wantsJson = (req.headers.get("content-type") ?? "").includes("application/json");
  const raw = await readSmallBody(req, 8 * 1024);
  if (raw === null) return Response.json({ error: "body too large" }, { status: 413 });
  const body = Body.safeParse(raw);
  if (!body.success) return Response.json({ error: "email and password must be text" }, { status: 400 });
  const next = safeNextPath(body.data.next);
  const result = await signIn(deps.db, body.data.email, body.data.password, {
    ip: clientIp(req.headers),
    sessionTtlMs: deps.sessionTtlMs,
    limiter: deps.limiter,
  });
  if (result.ok) {
    const cookie = sessionCookie(result.token, result.expiresAt, isHttps(req));
    if (wantsJson) return Response.json({ user: { email: result.user.email, role: result.user.role } }, { headers: { "set-cookie": cookie } });
    return new Response(null, { status: 303, headers: { location: next, "set-cookie": cookie } });
  }
  const status = result.reason === "locked" ? 423 : result.reason === "rate_limited" ? 429 : 401;
  const retry: Record<string, string> = result.retryAfterS ? { "retry-after": String(result.retryAfterS) } : {};
  if (wantsJson) return Response.json({ error: result.reason, retryAfterS: result.retryAfterS }, { status, headers: retry });
  const back = new URLSearchParams({ error: result.reason });
  if (result.retryAfterS) back.set("wait", String(Math.ceil(result.retryAfterS / 60)));
  if (next !== "/") back.set("next", next);
  return new Response(null, { status: 303, headers: { location: `/sign-in?${back}`, ...retry } });
}

/** Ends the session on the server (not only the cookie), then back to sign-in. */
export async function handleSignOut(req: Request, deps: { db: Db }): Promise<Response> {
  const refused = crossSiteRefusal(req);
  if (refused) return Response.json({ error: refused }, { status: 403 });
  const token = sessionToken(req.headers);
  const caller = await resolveCaller(req.headers, deps.db);
  if (token) await revokeSession(deps.db, token);
  if (caller) await audit(deps.db, caller, "auth.sign_out", caller.email, {}, clientIp(req.headers));
  return new Response(null, { status: 303, headers: { location: "/sign-in", "set-cookie": clearedSessionCookie(isHttps(req)) } });
}
