/**
 * The editable files that steer tagging (taxonomy, compliance rules, QA-flag thresholds),
 * validated with zod, and the tagger version derived from them: editing any of them changes the
 * version, which makes every record "not yet tagged" again.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** Bump when the tagging code changes what it writes. */
export const TAGGER_CODE_VERSION = "1";

// YAML reads a bare 12315 as a number: accept it as the phrase it was meant to be.
const phrase = z.union([z.string().min(1), z.number().transform(String)]);
const phrases = z
  .object({ zh: z.array(phrase).default([]), en: z.array(phrase).default([]) })
  .strict();

export const taxonomySchema = z
  .object({
    topics: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9_]*$/, "topic ids are lower_snake_case"),
            name: z.object({ zh: z.string(), en: z.string() }).partial().optional(),
            phrases,
            min_hits: z.number().int().min(1).default(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const topic of t.topics) {
      if (seen.has(topic.id)) ctx.addIssue({ code: "custom", message: `topic ${topic.id} is defined twice` });
      seen.add(topic.id);
    }
  });
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const speakerSchema = z.enum(["agent", "customer", "bot", "any"]);

export const complianceSchema = z
  .object({
    rules: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z][a-z0-9_]*$/, "rule ids are lower_snake_case"),
          kind: z.enum(["required", "forbidden"]),
          description: z.string().default(""),
          speaker: speakerSchema.default("agent"),
          channels: z.array(z.string().min(1)).optional(),
          window: z
            .object({ first_seconds: z.number().positive().optional(), last_seconds: z.number().positive().optional() })
            .strict()
            .refine((w) => !(w.first_seconds !== undefined && w.last_seconds !== undefined), "a window is first_seconds or last_seconds, not both")
            .optional(),
          phrases,
        })
        .strict(),
    ),
  })
  .strict();
export type ComplianceConfig = z.infer<typeof complianceSchema>;
export type ComplianceRule = ComplianceConfig["rules"][number];

export const flagConfigSchema = z
  .object({
    negative_end_below: z.number().min(-1).max(1),
    sharp_drop_at_least: z.number().positive().max(2),
    long_silence_seconds: z.record(z.string(), z.number().positive()).refine((r) => r.default !== undefined, "long_silence_seconds needs a default"),
    long_hold_seconds: z.number().positive(),
    transfers_at_least: z.number().int().min(1),
    repeat_contact_days: z.number().positive(),
    escalation_phrases: phrases,
  })
  .strict();
export type FlagConfig = z.infer<typeof flagConfigSchema>;

export interface NlpConfig {
  taxonomy: Taxonomy;
  compliance: ComplianceConfig;
  flags: FlagConfig;
  /** Tagger version: code version plus a hash of the config and model files. */
  version: string;
}

export class NlpConfigError extends Error {}

export const DEFAULT_CONFIG_DIR = path.resolve("config");
export const DEFAULT_MODEL_DIR = path.resolve("models");
export const MODEL_FILES = ["sentiment-zh.json", "sentiment-en.json"] as const;

function parseFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new NlpConfigError(`${file}: not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NlpConfigError(`${file}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return parsed.data;
}

export interface ConfigTexts {
  taxonomy: string;
  compliance: string;
  flags: string;
  /** The segmenter's user dictionary (changes tokens, so keywords and sentiment). */
  userDict?: string;
  /** Contents of the model files, hashed into the version. */
  models?: readonly string[];
}

/** Builds the config from file contents (tests pass edited texts directly). */
export function configFromTexts(texts: ConfigTexts): NlpConfig {
  const hash = createHash("sha256");
  for (const part of [texts.taxonomy, texts.compliance, texts.flags, texts.userDict ?? "", ...(texts.models ?? [])]) hash.update(part).update("\0");
  return {
    taxonomy: parseFile("taxonomy.yaml", texts.taxonomy, taxonomySchema),
    compliance: parseFile("compliance.yaml", texts.compliance, complianceSchema),
    flags: parseFile("qa-flags.yaml", texts.flags, flagConfigSchema),
    version: `v${TAGGER_CODE_VERSION}-${hash.digest("hex").slice(0, 12)}`,
  };
}

export function readConfigTexts(configDir = DEFAULT_CONFIG_DIR, modelDir = DEFAULT_MODEL_DIR): ConfigTexts {
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      throw new NlpConfigError(`cannot read ${path.relative(process.cwd(), file)}`);
    }
  };
  return {
    taxonomy: read(path.join(configDir, "taxonomy.yaml")),
    compliance: read(path.join(configDir, "compliance.yaml")),
    flags: read(path.join(configDir, "qa-flags.yaml")),
    userDict: read(path.join(configDir, "user-dict.txt")),
    models: MODEL_FILES.map((f) => read(path.join(modelDir, f))),
  };
}

export function loadConfig(configDir?: string, modelDir?: string): NlpConfig {
  return configFromTexts(readConfigTexts(configDir, modelDir));
}
