import { Readable } from "node:stream";
import { z } from "zod";
import { audit } from "@/server/auth/audit";
import { resolveCaller } from "@/server/auth/caller";
import { can } from "@/server/auth/permissions";
import { db } from "@/server/clickhouse/client";
import { DRILL_TARGETS } from "@/server/kpi/drilldown";
import { EXPORT_CONTENT_TYPE, exportDrilldown } from "@/server/kpi/export";
import { DashboardFilterSchema } from "@/server/kpi/filters";
import { env } from "@/server/env";
import { queryContext } from "@/server/trpc/query-context";
import { readState } from "@/server/kpi/read-state";

export const dynamic = "force-dynamic";

const list = z
  .string()
  .max(2000)
  .transform((s) => s.split(",").filter(Boolean))
  .optional();

const QuerySchema = z.object({
  target: z.enum(DRILL_TARGETS),
  format: z.enum(["csv", "xlsx"]),
  from: z.string(),
  to: z.string(),
  channel: list,
  team: list,
  agent: list,
  region: list,
  product: list,
  priority: list,
  slaTier: list,
  language: list,
  category: list,
  queue: list,
});

function badRequest(error: z.ZodError): Response {
  const issue = error.issues[0]!;
  return Response.json({ error: `${issue.path.join(".") || "query"}: ${issue.message}` }, { status: 400 });
}

/** GET /api/export?target=…&format=csv|xlsx&from=…&to=…[&channel=…]: the drill-down list as a file. */
export async function GET(req: Request): Promise<Response> {
  const caller = await resolveCaller(req.headers);
  if (!caller) return Response.json({ error: "sign in first" }, { status: 401 });
  if (!can(caller.role, "dashboard.export")) return Response.json({ error: `role ${caller.role} may not export` }, { status: 403 });

  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const { target, format, ...rawFilter } = parsed.data;
  const filter = DashboardFilterSchema.safeParse(rawFilter);
  if (!filter.success) return badRequest(filter.error);

  const e = env();
  const state = await readState(db(), { fcrWindowDays: e.SI_FCR_WINDOW_DAYS, timezone: e.SI_TIMEZONE, rollups: "skip" });
  const ctx = queryContext({ timezone: e.SI_TIMEZONE, fcrWindowDays: e.SI_FCR_WINDOW_DAYS, now: () => new Date(), ...state }, caller, filter.data);
  await audit(db(), caller, "export", target, { format, filter: filter.data }, req.headers.get("x-forwarded-for") ?? "");
  const name = `${target}_${filter.data.from}_${filter.data.to}.${format}`;
  return new Response(Readable.toWeb(exportDrilldown(db(), ctx, target, format)) as ReadableStream, {
    headers: {
      "content-type": EXPORT_CONTENT_TYPE[format],
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
