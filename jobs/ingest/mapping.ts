import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { FIELDS, RECORD_KINDS, SPEAKERS, type RecordKind } from "../../server/ingest/fields";
import { assertTimeZone, parseTimestamp, TimestampError } from "../../server/ingest/timestamps";
import type { InputRecord } from "../../server/ingest/session";
import type { Refusal } from "../../server/ingest/validate";
import { ENCODING_NAMES } from "./decode";
import { INPUT_FORMATS, type CsvHeader, type SourceRecord } from "./read-records";

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A mapping: how a foreign export becomes canonical records. Written by people (YAML or
 * JSON), so unknown keys are errors rather than silently ignored.
 */
export const MappingSchema = z
  .object({
    kind: z.enum(RECORD_KINDS).optional(),
    description: z.string().optional(),
    source: z.string().min(1).max(100).optional(),
    format: z.enum(INPUT_FORMATS as [string, ...string[]]).optional(),
    encoding: z.enum(Object.keys(ENCODING_NAMES) as [string, ...string[]]).optional(),
    delimiter: z.string().length(1).optional(),
    /** canonical field → input column (a dotted path for nested JSON), or several joined by line breaks. */
    columns: z.record(z.string(), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default({}),
    /** canonical field → { input value → canonical value }; "*" catches every other non-empty value. */
    values: z.record(z.string(), z.record(z.string(), scalar)).default({}),
    dates: z
      .strictObject({
        format: z.string().default("iso"),
        timezone: z.string().default("UTC"),
        fields: z.record(z.string(), z.string()).default({}),
      })
      .default({ format: "iso", timezone: "UTC", fields: {} }),
    /** canonical field → value used for every record (overrides the input). */
    constants: z.record(z.string(), scalar).default({}),
    /** canonical field → value used when the input leaves it empty. */
    defaults: z.record(z.string(), scalar).default({}),
    /** canonical field → text put before every non-empty value (keeps ids of two systems apart). */
    prefix: z.record(z.string(), z.string().min(1)).default({}),
    /** canonical field → separator, for list fields (tags) held in one cell. */
    split: z.record(z.string(), z.string().min(1)).default({}),
    /** canonical timestamp field → another timestamp field plus minutes read from a column. */
    offsets: z
      .record(z.string(), z.strictObject({ from: z.string(), plus_minutes: z.string().min(1) }))
      .default({}),
    /** Builds utterances from a list of turns in the input (conversations only). */
    utterances: z
      .strictObject({
        from: z.string().min(1),
        speaker: z.string().default("speaker"),
        text: z.string().default("text"),
        start_ms: z.string().optional(),
        end_ms: z.string().optional(),
        speakers: z.record(z.string(), z.enum(SPEAKERS)).default({}),
      })
      .optional(),
    /** Input columns already named like canonical fields are taken as they are (default true). */
    passthrough: z.boolean().default(true),
  })
  .strict();

export type MappingSpec = z.infer<typeof MappingSchema>;

export class MappingError extends Error {}

interface FieldPlan {
  field: string;
  constant: { value: unknown } | null;
  utterances: boolean;
  /** Taken from the input column of the same name, with no value map. */
  direct: boolean;
  fallback: { value: unknown } | null;
  prefix: string | null;
  split: string | null;
  dateFormat: string | null;
}

export type MappedRecord = { ok: true; candidate: Record<string, unknown> } | { ok: false; refusal: Refusal };

/** A record to map: a JSON object, or a CSV row read through its header. */
export type MappingInput = Pick<SourceRecord, "value" | "row">;

function getPath(value: Record<string, unknown>, key: string): unknown {
  if (key in value) return value[key];
  if (!key.includes(".")) return undefined;
  let current: unknown = value;
  for (const part of key.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Empty, or `\N` (NULL in ClickHouse and MySQL dumps). */
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && (v.trim() === "" || v.trim() === "\\N"));

/** A compiled mapping; `Mapping.identity(kind)` reads canonical input with ISO (UTC) dates. */
export class Mapping {
  private readonly fields: string[];
  private readonly timestampFields: Set<string>;
  private readonly valueMaps: Map<string, { exact: Map<string, unknown>; lower: Map<string, unknown>; other: unknown }>;
  private cachedPlan: FieldPlan[] | undefined;
  private lastHeader: CsvHeader | null = null;
  private lastIndex: (number | undefined)[] = [];

  constructor(
    readonly kind: RecordKind,
    readonly spec: MappingSpec,
    readonly name = "canonical",
  ) {
    this.fields = Object.keys(FIELDS[kind]);
    this.timestampFields = new Set(this.fields.filter((f) => FIELDS[kind][f]!.type === "timestamp"));
    const known = new Set(this.fields);
    const sections: [string, Record<string, unknown>][] = [
      ["columns", spec.columns],
      ["values", spec.values],
      ["constants", spec.constants],
      ["defaults", spec.defaults],
      ["split", spec.split],
      ["prefix", spec.prefix],
      ["offsets", spec.offsets],
      ["dates.fields", spec.dates.fields],
    ];
    for (const [section, entries] of sections) {
      for (const field of Object.keys(entries)) {
        if (!known.has(field)) throw new MappingError(`${name}: ${section}.${field} is not a field of ${kind} (fields: ${this.fields.join(", ")})`);
      }
    }
    for (const [field, offset] of Object.entries(spec.offsets)) {
      if (!this.timestampFields.has(field) || !this.timestampFields.has(offset.from)) {
        throw new MappingError(`${name}: offsets.${field} must add minutes to a timestamp field`);
      }
    }
    if (spec.utterances && kind !== "conversations") throw new MappingError(`${name}: utterances only apply to conversations`);
    try {
      assertTimeZone(spec.dates.timezone);
    } catch (error) {
      throw new MappingError(`${name}: dates.timezone: ${(error as Error).message}`);
    }
    this.valueMaps = new Map(
      Object.entries(spec.values).map(([field, map]) => {
        const entries = Object.entries(map).filter(([k]) => k !== "*");
        return [
          field,
          { exact: new Map(entries), lower: new Map(entries.map(([k, v]) => [k.toLowerCase(), v])), other: map["*"] },
        ];
      }),
    );
  }

  static identity(kind: RecordKind): Mapping {
    return new Mapping(kind, MappingSchema.parse({}));
  }

  private read(input: MappingInput, name: string): unknown {
    if (input.row) {
      const i = input.row.header.index.get(name);
      return i === undefined ? undefined : input.row.fields[i];
    }
    return input.value ? getPath(input.value, name) : undefined;
  }

  private column(input: MappingInput, field: string): unknown {
    const from = this.spec.columns[field];
    if (from === undefined) return this.spec.passthrough ? this.read(input, field) : undefined;
    if (typeof from === "string") return this.read(input, from);
    const parts = from.map((c) => this.read(input, c)).filter((v) => !isBlank(v));
    return parts.length ? parts.map(String).join("\n") : undefined;
  }

  /** Positions of the fields read straight from a CSV column, per header (one header per file). */
  private directIndex(header: CsvHeader): (number | undefined)[] {
    if (this.lastHeader !== header) {
      this.lastHeader = header;
      this.lastIndex = this.plan.map((p) => (p.direct && this.spec.passthrough ? header.index.get(p.field) : undefined));
    }
    return this.lastIndex;
  }

  private mapValue(field: string, v: unknown): unknown {
    const map = this.valueMaps.get(field);
    if (!map || isBlank(v)) return v;
    const key = String(v).trim();
    if (map.exact.has(key)) return map.exact.get(key);
    const lower = map.lower.get(key.toLowerCase());
    if (lower !== undefined) return lower;
    return map.other !== undefined ? map.other : v;
  }

  private utterances(input: MappingInput): unknown {
    const u = this.spec.utterances!;
    let turns = this.read(input, u.from);
    if (typeof turns === "string" && turns.trim().startsWith("[")) {
      try {
        turns = JSON.parse(turns) as unknown;
      } catch {
        return turns;
      }
    }
    if (!Array.isArray(turns)) return turns;
    const out: Record<string, unknown>[] = [];
    for (const turn of turns) {
      if (turn === null || typeof turn !== "object") {
        out.push({ text: turn });
        continue;
      }
      const t = turn as Record<string, unknown>;
      const said = getPath(t, u.speaker);
      const speaker = typeof said === "string" ? (u.speakers[said] ?? said) : said;
      const texts = getPath(t, u.text);
      const common = {
        speaker,
        ...(u.start_ms ? { start_ms: getPath(t, u.start_ms) } : {}),
        ...(u.end_ms ? { end_ms: getPath(t, u.end_ms) } : {}),
      };
      // A turn may hold several messages in a row from the same side: one utterance each.
      if (Array.isArray(texts)) for (const text of texts) out.push({ ...common, text });
      else out.push({ ...common, text: texts });
    }
    return out;
  }

  /**
   * The format a timestamp field is parsed with here, or null when validation can read the text
   * as it is (ISO in UTC, its own default) and no offset needs the parsed time.
   */
  private dateFormat(field: string): string | null {
    if (!this.timestampFields.has(field)) return null;
    const format = this.spec.dates.fields[field] ?? this.spec.dates.format;
    const needed = Object.values(this.spec.offsets).some((o) => o.from === field);
    return format === "iso" && this.spec.dates.timezone === "UTC" && !needed ? null : format;
  }

  /** What to do for each field, worked out once: apply() runs for every record of a file. */
  private get plan(): FieldPlan[] {
    this.cachedPlan ??= this.fields.map((field) => ({
      field,
      constant: field in this.spec.constants ? { value: this.spec.constants[field] } : null,
      utterances: field === "utterances" && this.spec.utterances !== undefined,
      direct: this.spec.columns[field] === undefined && !this.valueMaps.has(field),
      fallback: field in this.spec.defaults ? { value: this.spec.defaults[field] } : null,
      prefix: this.spec.prefix[field] ?? null,
      split: this.spec.split[field] ?? null,
      dateFormat: this.dateFormat(field),
    }));
    return this.cachedPlan;
  }

  /** Maps one input record to canonical field names and values, parsing foreign dates. */
  apply(input: MappingInput): MappedRecord {
    const candidate: Record<string, unknown> = {};
    const timezone = this.spec.dates.timezone;
    const passthrough = this.spec.passthrough;
    const plan = this.plan;
    const fields = input.row?.fields;
    const direct = input.row ? this.directIndex(input.row.header) : null;
    for (let k = 0; k < plan.length; k++) {
      const p = plan[k]!;
      const field = p.field;
      let v: unknown;
      if (p.constant) v = p.constant.value;
      else if (p.utterances) v = this.utterances(input);
      else if (p.direct) {
        if (!passthrough) v = undefined;
        else if (fields) {
          const i = direct![k];
          v = i === undefined ? undefined : fields[i];
        } else v = input.value?.[field];
      } else v = this.mapValue(field, this.column(input, field));
      if (p.fallback && isBlank(v)) v = p.fallback.value;
      if (p.prefix !== null && !isBlank(v)) v = `${p.prefix}${String(v).trim()}`;
      if (p.split !== null && typeof v === "string") v = v.split(p.split).map((s) => s.trim()).filter(Boolean);
      if (p.dateFormat !== null && typeof v === "string" && !isBlank(v)) {
        const text = v;
        try {
          v = new Date(parseTimestamp(text, p.dateFormat, timezone));
        } catch (error) {
          const reason = error instanceof TimestampError ? error.message : String(error);
          return {
            ok: false,
            refusal: { field, reason: "invalid_date", message: `${field}: ${JSON.stringify(text.slice(0, 60))}: ${reason}` },
          };
        }
      }
      if (v !== undefined) candidate[field] = v;
    }
    for (const [field, offset] of Object.entries(this.spec.offsets)) {
      if (!isBlank(candidate[field])) continue;
      const base = candidate[offset.from];
      const minutesText = this.read(input, offset.plus_minutes);
      if (!(base instanceof Date) || isBlank(minutesText)) continue;
      const minutes = Number(String(minutesText).trim());
      if (!Number.isFinite(minutes)) {
        return { ok: false, refusal: { field, reason: "invalid_type", message: `${offset.plus_minutes}: ${JSON.stringify(minutesText)} is not a number of minutes` } };
      }
      candidate[field] = new Date(base.getTime() + Math.round(minutes * 60_000));
    }
    return { ok: true, candidate };
  }
}

/** A record as read, mapped to canonical fields: what a session takes (or why it could not be read or mapped). */
export function inputOf(r: SourceRecord, mapping: Mapping): InputRecord {
  const { line, raw } = r;
  if (r.error || !(r.value || r.row)) {
    return { line, raw, refusal: { field: "record", reason: r.error?.reason ?? "parse_error", message: r.error?.message ?? "unreadable" } };
  }
  const mapped = mapping.apply(r);
  return mapped.ok ? { line, raw, candidate: mapped.candidate } : { line, raw, refusal: mapped.refusal };
}

/** Reads a mapping file (YAML or JSON) and checks it against the record kind being loaded. */
export function loadMapping(file: string, kind: RecordKind): Mapping {
  let parsed: unknown;
  const name = path.basename(file);
  try {
    parsed = parseYaml(readFileSync(file, "utf8")); // JSON is YAML too
  } catch (error) {
    throw new MappingError(`cannot read mapping ${file}: ${(error as Error).message}`);
  }
  const result = MappingSchema.safeParse(parsed ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new MappingError(`mapping ${name}: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  if (result.data.kind && result.data.kind !== kind) {
    throw new MappingError(`mapping ${name} is for ${result.data.kind}, not ${kind}`);
  }
  return new Mapping(kind, result.data, name);
}
