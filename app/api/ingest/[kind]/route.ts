import { db } from "@/server/clickhouse/client";
import { handleIngestPush } from "@/server/ingest/push";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** HTTP push of tickets, conversations or surveys; see "Loading data" in the README. */
export async function POST(req: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  return handleIngestPush(req, kind, { db: db() });
}
