import { handleSignIn } from "@/server/auth/http";
import { db } from "@/server/clickhouse/client";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

export function POST(req: Request): Promise<Response> {
  return handleSignIn(req, { db: db(), sessionTtlMs: env().SI_SESSION_HOURS * 3_600_000 });
}
