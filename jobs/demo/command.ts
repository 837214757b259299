/** `cli demo-data [--scale N] [--seed S] [--end YYYY-MM-DD] [--force] [--database NAME] [--dry-run]` */
import { z } from "zod";
import { ensureSchema } from "../../server/clickhouse/ensure";
import { env } from "../../server/env";
import { readState } from "../../server/kpi/read-state";
import { demoWindow } from "./calendar";
import { generateDemoData } from "./generate";
import { loadDemoData } from "./load";
import { demoSpikes } from "./spikes";
import { StatsCollector } from "./stats";

const ArgsSchema = z.object({
  scale: z.coerce.number().finite().positive("--scale must be a number > 0").max(1000, "--scale must be at most 1000").default(1),
  seed: z.coerce.number().int("--seed must be an integer").min(0, "--seed must be ≥ 0").max(4_294_967_295, "--seed must fit in 32 bits").default(42),
  end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "--end must be a date YYYY-MM-DD")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "--end is not a real date")
    .optional(),
  force: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "--database must be a plain identifier (letters, digits, _)").optional(),
});

const VALUE_FLAGS: Record<string, "scale" | "seed" | "end" | "database"> = {
  "--scale": "scale",
  "--seed": "seed",
  "--end": "end",
  "--database": "database",
};

export function parseDemoArgs(args: string[]): z.infer<typeof ArgsSchema> {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--force") raw.force = true;
    else if (flag === "--dry-run") raw.dryRun = true;
    else if (flag in VALUE_FLAGS) {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith("--")) throw new Error(`demo-data: ${flag} needs a value`);
      raw[VALUE_FLAGS[flag]!] = value;
    } else throw new Error(`demo-data: unknown argument ${arg} (use --scale N, --seed S, --end YYYY-MM-DD, --force, --database NAME, --dry-run)`);
  }
  const parsed = ArgsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`demo-data: ${parsed.error.issues[0]?.message ?? "invalid arguments"}`);
  return parsed.data;
}

/** Yesterday, so that every generated contact (up to 23:59 Shanghai on the end day) lies in the past. */
function defaultEnd(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

export async function runDemoDataCommand(args: string[], log: (line: string) => void): Promise<number> {
  const options = parseDemoArgs(args);
  const end = new Date(`${options.end ?? defaultEnd()}T00:00:00Z`);

  if (options.dryRun) {
    // Generate without a database and print the KPI figures the dashboard should show.
    const started = performance.now();
    const stats = new StatsCollector(demoWindow(end).endMs);
    for (const record of generateDemoData({ scale: options.scale, seed: options.seed, end })) stats.add(record);
    log(JSON.stringify({ seconds: Math.round((performance.now() - started) / 100) / 10, ...stats.result() }, null, 2));
    log(JSON.stringify(demoSpikes(end)));
    return 0;
  }

  const { db } = await ensureSchema({ log, database: options.database });
  try {
    await loadDemoData(db, { scale: options.scale, seed: options.seed, end, force: options.force, log });
    // The first dashboard request would otherwise pay for checking every month and computing
    // FCR follow-ups (≈ 12 s at 10M tickets), and read the records until the daily rollups are made.
    const started = performance.now();
    await readState(db, { fcrWindowDays: env().SI_FCR_WINDOW_DAYS, timezone: env().SI_TIMEZONE, rollups: "wait" });
    log(`dashboard read state ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
  return 0;
}
