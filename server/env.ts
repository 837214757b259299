import { z } from "zod";

/** Every environment variable the project reads, validated once. Keep .env.example in sync. */
const EnvSchema = z.object({
  CLICKHOUSE_URL: z.string().url().optional(),
  CLICKHOUSE_USER: z.string().default("default"),
  CLICKHOUSE_PASSWORD: z.string().default(""),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "must be a plain identifier (letters, digits, _)")
    .default("support_insights"),
  CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "must be a plain identifier (letters, digits, _)")
    .optional(),
  SI_CLICKHOUSE_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(18123),
  SI_CLICKHOUSE_TCP_PORT: z.coerce.number().int().min(1).max(65535).default(19000),
  SI_DATA_DIR: z.string().default(".data"),
  SI_TIMEZONE: z.string().default("Asia/Shanghai"),
  SI_FCR_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /**
   * Daily rollups (server/kpi/rollups.ts): "background" computes a month's rollup after its data
   * changed and reads the records meanwhile; "ready" only reads rollups already made (the
   * integration tests, whose databases come and go); "off" always reads the records.
   */
  SI_ROLLUPS: z.enum(["background", "ready", "off"]).default("background"),
  /** How long a sign-in lasts. */
  SI_SESSION_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  /** With SI_ADMIN_PASSWORD: creates this admin on start when there is no admin yet. */
  SI_ADMIN_EMAIL: z.string().optional(),
  SI_ADMIN_PASSWORD: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EnvError(`environment variable ${issue.path.join(".")} is invalid: ${issue.message}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
