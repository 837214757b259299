import { audit } from "@/server/auth/audit";
import { clientIp, resolveCaller, sessionToken } from "@/server/auth/caller";
import { crossSiteRefusal, isHttps } from "@/server/auth/request-guard";
import { clearedSessionCookie, revokeSession } from "@/server/auth/sessions";
import { db } from "@/server/clickhouse/client";

export const dynamic = "force-dynamic";

/** POST /api/auth/sign-out: ends the session on the server (not only the cookie), then back to sign-in. */
export async function POST(req: Request): Promise<Response> {
  const refused = crossSiteRefusal(req);
  if (refused) return Response.json({ error: refused }, { status: 403 });
  const token = sessionToken(req.headers);
  const caller = await resolveCaller(req.headers);
  if (token) await revokeSession(db(), token);
  if (caller) await audit(db(), caller, "auth.sign_out", caller.email, {}, clientIp(req.headers));
  return new Response(null, { status: 303, headers: { location: "/sign-in", "set-cookie": clearedSessionCookie(isHttps(req)) } });
}
