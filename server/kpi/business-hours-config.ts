import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { BusinessScheduleSchema, DEFAULT_SCHEDULE, type BusinessSchedule } from "./business-hours";
import { DEFAULT_SLA_CLOCKS, type Clock, type SlaTier } from "./sla-policies";

const clock = z.enum(["calendar", "business"]);
const ConfigSchema = z.object({
  schedule: BusinessScheduleSchema.default(DEFAULT_SCHEDULE),
  clocks: z.object({ basic: clock, advanced: clock, enterprise: clock }).default(DEFAULT_SLA_CLOCKS),
});

export interface BusinessHoursConfig {
  schedule: BusinessSchedule;
  clocks: Record<SlaTier, Clock>;
}

export const BUSINESS_HOURS_FILE = path.resolve(process.cwd(), "config", "business-hours.yaml");

/** Reads config/business-hours.yaml; a missing file means the defaults, a broken one is an error naming the field. */
export function loadBusinessHours(file = BUSINESS_HOURS_FILE): BusinessHoursConfig {
  // Read at run time from the deployment's config folder, not bundled: tell the bundler not to trace it.
  if (!existsSync(/*turbopackIgnore: true*/ file)) return { schedule: DEFAULT_SCHEDULE, clocks: DEFAULT_SLA_CLOCKS };
  const parsed = ConfigSchema.safeParse(parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path.basename(file)}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

let cached: BusinessHoursConfig | undefined;
export function businessHours(): BusinessHoursConfig {
  cached ??= loadBusinessHours();
  return cached;
}
