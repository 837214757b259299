import { db } from "../clickhouse/client";
import { env } from "../env";
import { resolveCaller } from "../auth/caller";
import type { Context } from "./init";

export async function createContext(headers: Headers): Promise<Context> {
  const e = env();
  return {
    caller: await resolveCaller(headers),
    db: db(),
    timezone: e.SI_TIMEZONE,
    fcrWindowDays: e.SI_FCR_WINDOW_DAYS,
    now: () => new Date(),
  };
}
