import { handleSignOut } from "@/server/auth/http";
import { db } from "@/server/clickhouse/client";

export const dynamic = "force-dynamic";

export function POST(req: Request): Promise<Response> {
  return handleSignOut(req, { db: db() });
}
