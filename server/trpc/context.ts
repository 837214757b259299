import { db } from "../clickhouse/client";
import { env } from "../env";
import { clientIp, resolveCaller } from "../auth/caller";
import type { Context } from "./init";

export async function createContext(headers: Headers): Promise<Context> {
  const e = env();
  const dbx = db();
  return {
    caller: await resolveCaller(headers, dbx),
    db: dbx,
    timezone: e.SI_TIMEZONE,
    fcrWindowDays: e.SI_FCR_WINDOW_DAYS,
    now: () => new Date(),
    ip: clientIp(headers),
  };
}
