import { z } from "zod";
import { clientIp } from "@/server/auth/caller";
import { crossSiteRefusal, isHttps, readSmallBody, safeNextPath } from "@/server/auth/request-guard";
import { sessionCookie } from "@/server/auth/sessions";
import { signIn } from "@/server/auth/sign-in";
import { db } from "@/server/clickhouse/client";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

const Body = z.object({ email: z.string().max(300).default(""), password: z.string().max(1000).default(""), next: z.string().max(2000).optional() });

/**
 * POST /api/auth/sign-in with a form (the sign-in page works without JavaScript: 303 back to
 * the page asked for, or to /sign-in with the reason) or JSON (200 / 401 / 423 / 429).
 */
export async function POST(req: Request): Promise<Response> {
  const refused = crossSiteRefusal(req);
  if (refused) return Response.json({ error: refused }, { status: 403 });
  const wantsJson = (req.headers.get("content-type") ?? "").includes("application/json");
  const raw = await readSmallBody(req, 8 * 1024);
  if (raw === null) return Response.json({ error: "body too large" }, { status: 413 });
  const body = Body.safeParse(raw);
  if (!body.success) return Response.json({ error: "email and password must be text" }, { status: 400 });
  const next = safeNextPath(body.data.next);
  const result = await signIn(db(), body.data.email, body.data.password, {
    ip: clientIp(req.headers),
    sessionTtlMs: env().SI_SESSION_HOURS * 3_600_000,
  });
  const base = new URL(req.url);
  if (result.ok) {
    const cookie = sessionCookie(result.token, result.expiresAt, isHttps(req));
    if (wantsJson) return Response.json({ user: { email: result.user.email, role: result.user.role } }, { headers: { "set-cookie": cookie } });
    return new Response(null, { status: 303, headers: { location: next, "set-cookie": cookie } });
  }
  const status = result.reason === "locked" ? 423 : result.reason === "rate_limited" ? 429 : 401;
  const retry: Record<string, string> = result.retryAfterS ? { "retry-after": String(result.retryAfterS) } : {};
  if (wantsJson) return Response.json({ error: result.reason, retryAfterS: result.retryAfterS }, { status, headers: retry });
  const back = new URL("/sign-in", base);
  back.searchParams.set("error", result.reason);
  if (result.retryAfterS) back.searchParams.set("wait", String(Math.ceil(result.retryAfterS / 60)));
  if (next !== "/") back.searchParams.set("next", next);
  return new Response(null, { status: 303, headers: { location: back.pathname + back.search, ...retry } });
}
