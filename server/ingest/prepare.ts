import { z } from "zod";
import { boolFrom, enumFrom, isCleanId, jsonFrom, numberFrom, tagsFrom } from "./coerce";
import { FIELDS, LIMITS, SPEAKERS, type FieldSpec, type RecordKind } from "./fields";
import { parseTimestamp } from "./timestamps";
import type { CanonicalRecord } from "./validate";

/**
 * The fast path of validation. The full schema (validate.ts) converts and checks each value
 * through zod's preprocess and transform steps, which cost about 20 µs per ticket: most of a
 * load's time. Here the same conversions (coerce.ts) run as plain code that gives up at the
 * first value it is not sure of, and a zod schema of the converted types (`checkPrepared`)
 * then checks every field. Whatever either refuses goes through the full schema, which says
 * why; tests/unit/ingest-prepare.test.ts checks that both paths accept the same records.
 */

const UNSURE = Symbol("unsure");
type Convert = (value: unknown) => unknown;

/** Blank text (or `\N`) is "not given", as in the full schema's normalise(); text is trimmed. */
function given(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const trimmed = value.trim();
  return trimmed === "" || trimmed === "\\N" ? undefined : trimmed;
}

const isText = (s: string, max: number) => s.length <= max && s.isWellFormed();

function intIn(min: number, max: number): Convert {
  return (value) => {
    const n = numberFrom(value);
    return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max ? n : UNSURE;
  };
}

function enumIn(values: readonly string[]): Convert {
  const allowed = new Set(values);
  const fold = enumFrom(values);
  return (value) => {
    if (typeof value !== "string") return UNSURE;
    if (allowed.has(value)) return value;
    const folded = fold(value);
    return allowed.has(folded as string) ? folded : UNSURE;
  };
}

const speaker = enumIn(SPEAKERS);
const utteranceMs = intIn(0, LIMITS.utteranceMs);

function utterancesFrom(value: unknown): unknown {
  const list = jsonFrom(value);
  if (!Array.isArray(list) || list.length > LIMITS.utterances) return UNSURE;
  const out = new Array<{ speaker: unknown; start_ms: unknown; end_ms: unknown; text: string }>(list.length);
  for (let i = 0; i < list.length; i++) {
    const u = list[i] as Record<string, unknown> | null;
    if (u === null || typeof u !== "object" || Array.isArray(u)) return UNSURE;
    const who = speaker(u.speaker);
    const start = u.start_ms === undefined ? 0 : utteranceMs(u.start_ms);
    const end = u.end_ms === undefined ? 0 : utteranceMs(u.end_ms);
    const text = u.text;
    if (who === UNSURE || start === UNSURE || end === UNSURE || typeof text !== "string" || !isText(text, LIMITS.utteranceText)) return UNSURE;
    if ((end as number) < (start as number)) return UNSURE;
    out[i] = { speaker: who, start_ms: start, end_ms: end, text };
  }
  return out;
}

function tagList(value: unknown): unknown {
  const tags = tagsFrom(value);
  if (!Array.isArray(tags) || tags.length > LIMITS.tags) return UNSURE;
  for (const t of tags) if (typeof t !== "string" || !isText(t, LIMITS.tagLength)) return UNSURE;
  return tags;
}

/** The converter of one field, and what an absent value becomes (UNSURE when it is required). */
function converter(spec: FieldSpec): { convert: Convert; absent: unknown } {
  const absent = (fallback: unknown) => ("required" in spec && spec.required ? UNSURE : fallback);
  switch (spec.type) {
    case "id":
      return {
        convert: (v) => {
          const s = typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v;
          return typeof s === "string" && isText(s, LIMITS.idLength) && isCleanId(s) ? s : UNSURE;
        },
        absent: UNSURE,
      };
    case "string": {
      const max = spec.max;
      return {
        convert: (v) => {
          const s = typeof v === "number" || typeof v === "boolean" ? String(v) : v;
          return typeof s === "string" && isText(s, max) ? s : UNSURE;
        },
        absent: absent(""),
      };
    }
    case "enum":
      return { convert: enumIn(spec.values), absent: absent(spec.default ?? "") };
    case "timestamp":
      return {
        convert: (v) => {
          if (v instanceof Date) return Number.isNaN(v.getTime()) ? UNSURE : v.getTime();
          if (typeof v !== "string") return UNSURE;
          try {
            return parseTimestamp(v);
          } catch {
            return UNSURE;
          }
        },
        absent: absent(null),
      };
    case "int":
      return { convert: intIn(spec.min, spec.max), absent: absent(spec.default ?? 0) };
    case "bool":
      return { convert: (v) => (typeof boolFrom(v) === "boolean" ? boolFrom(v) : UNSURE), absent: spec.default };
    case "tags":
      return { convert: tagList, absent: [] };
    case "utterances":
      return { convert: utterancesFrom, absent: [] };
  }
}

interface Plan {
  fields: string[];
  converters: ReturnType<typeof converter>[];
}

const PLANS = Object.fromEntries(
  (Object.keys(FIELDS) as RecordKind[]).map((kind) => {
    const fields = Object.keys(FIELDS[kind]);
    return [kind, { fields, converters: fields.map((f) => converter(FIELDS[kind][f]!)) }];
  }),
) as Record<RecordKind, Plan>;

/** The candidate converted to table types, or null when some value needs the full schema. */
export function prepareRecord(kind: RecordKind, candidate: Record<string, unknown>): CanonicalRecord | null {
  const { fields, converters } = PLANS[kind];
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const value = given(candidate[field]);
    const c = converters[i]!;
    const converted = value === undefined ? c.absent : c.convert(value);
    if (converted === UNSURE) return null;
    out[field] = converted;
  }
  return out as CanonicalRecord;
}

/** The zod schema of a converted field: types, lengths, ranges and enums, nothing to convert. */
function checkSchema(spec: FieldSpec): z.ZodType {
  const text = (max: number) => z.string().max(max);
  switch (spec.type) {
    case "id":
      return text(LIMITS.idLength).min(1);
    case "string":
      return text(spec.max);
    case "enum":
      return spec.required || spec.default !== undefined ? z.enum(spec.values as [string, ...string[]]) : z.enum(["", ...spec.values]);
    case "timestamp":
      return spec.required ? z.number().int() : z.number().int().nullable();
    case "int":
      return z.number().int().min(spec.min).max(spec.max);
    case "bool":
      return z.boolean();
    case "tags":
      return z.array(text(LIMITS.tagLength)).max(LIMITS.tags);
    case "utterances":
      return z
        .array(
          z.object({
            speaker: z.enum(SPEAKERS),
            start_ms: z.number().int().min(0).max(LIMITS.utteranceMs),
            end_ms: z.number().int().min(0).max(LIMITS.utteranceMs),
            text: text(LIMITS.utteranceText),
          }),
        )
        .max(LIMITS.utterances);
  }
}

const CHECKS = Object.fromEntries(
  (Object.keys(FIELDS) as RecordKind[]).map((kind) => [
    kind,
    z.object(Object.fromEntries(Object.entries(FIELDS[kind]).map(([field, spec]) => [field, checkSchema(spec)]))),
  ]),
) as Record<RecordKind, z.ZodObject>;

/** True when zod agrees that a prepared record has the table's types. */
export function checkPrepared(kind: RecordKind, record: CanonicalRecord): boolean {
  return CHECKS[kind].safeParse(record).success;
}
