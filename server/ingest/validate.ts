import { z } from "zod";
import { FIELDS, LIMITS, SCORE_RANGES, SPEAKERS, type FieldSpec, type RecordKind } from "./fields";
import { boolFrom, enumFrom, isCleanId, jsonFrom, numberFrom, tagsFrom } from "./coerce";
import { checkPrepared, prepareRecord } from "./prepare";
import { parseTimestamp, TimestampError } from "./timestamps";

/** Why a record was refused: the field at fault, a stable reason code and a sentence for people. */
export interface Refusal {
  field: string;
  reason: RejectReason;
  message: string;
}

export type RejectReason =
  | "required"
  | "invalid_type"
  | "invalid_enum"
  | "invalid_date"
  | "invalid_text"
  | "too_long"
  | "too_many"
  | "out_of_range"
  | "time_order"
  | "future_timestamp"
  | "duplicate_id"
  | "parse_error"
  | "column_count"
  | "stale";

/** A validated record: timestamps as epoch ms (or null), everything else as the table wants it. */
export type CanonicalRecord = Record<string, unknown> & { id: string };

export type Validation = { ok: true; record: CanonicalRecord } | { ok: false; refusal: Refusal };

const timestamp = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      ctx.addIssue({ code: "custom", message: "not a valid date", params: { reason: "invalid_date" } });
      return z.NEVER;
    }
    return value.getTime();
  }
  try {
    return parseTimestamp(value);
  } catch (error) {
    const message = error instanceof TimestampError ? error.message : String(error);
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(value.slice(0, 60))}: ${message}`, params: { reason: "invalid_date" } });
    return z.NEVER;
  }
});

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.isWellFormed(), {
      // The decoders mark bytes that are not valid in the file's encoding this way (see DAMAGED in jobs/ingest/decode.ts).
      error: (issue) =>
        typeof issue.input === "string" && issue.input.includes("\uDCFF")
          ? "contains bytes that are not valid in the file's encoding (shown as U+FFFD in the raw text)"
          : "contains an unpaired UTF-16 surrogate",
      params: { reason: "invalid_text" },
    });

const utterance = z
  .object({
    speaker: z.preprocess(enumFrom(SPEAKERS), z.enum(SPEAKERS)),
    start_ms: z.preprocess(numberFrom, z.number().int().min(0).max(LIMITS.utteranceMs)).default(0),
    end_ms: z.preprocess(numberFrom, z.number().int().min(0).max(LIMITS.utteranceMs)).default(0),
    text: text(LIMITS.utteranceText),
  })
  .refine((u) => u.end_ms >= u.start_ms, { message: "end_ms is before start_ms", path: ["end_ms"], params: { reason: "time_order" } });

function fieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.type) {
    case "id":
      return z.preprocess(
        // A number beyond 2^53 has already lost digits: rejected (as a non-string) rather than merged with another id.
        (v) => (typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v),
        text(LIMITS.idLength).refine(isCleanId, {
          message: "id contains control characters",
          params: { reason: "invalid_text" },
        }),
      );
    case "string": {
      const s = z.preprocess((v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v), text(spec.max));
      return spec.required ? s : s.optional().transform((v) => v ?? "");
    }
    case "enum": {
      const e = z.preprocess(enumFrom(spec.values), z.enum(spec.values as [string, ...string[]]));
      if (spec.required) return e;
      return e.optional().transform((v) => v ?? spec.default ?? "");
    }
    case "timestamp":
      return spec.required ? timestamp : timestamp.nullish().transform((v) => v ?? null);
    case "int": {
      const n = z.preprocess(numberFrom, z.number().int().min(spec.min).max(spec.max));
      return spec.required ? n : n.optional().transform((v) => v ?? spec.default ?? 0);
    }
    case "bool":
      return z.preprocess(boolFrom, z.boolean()).optional().transform((v) => v ?? spec.default);
    case "tags":
      return z
        .preprocess(tagsFrom, z.array(text(LIMITS.tagLength)).max(LIMITS.tags))
        .optional()
        .transform((v) => v ?? []);
    case "utterances":
      return z
        .preprocess(jsonFrom, z.array(utterance).max(LIMITS.utterances))
        .optional()
        .transform((v) => v ?? []);
  }
}

const SCHEMAS = Object.fromEntries(
  (Object.keys(FIELDS) as RecordKind[]).map((kind) => [
    kind,
    z.object(Object.fromEntries(Object.entries(FIELDS[kind]).map(([field, spec]) => [field, fieldSchema(spec)]))),
  ]),
) as Record<RecordKind, z.ZodObject>;

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function refusalFromIssue(issue: z.core.$ZodIssue, candidate: Record<string, unknown>): Refusal {
  const field = issue.path.map(String).join(".") || "record";
  const top = String(issue.path[0] ?? "");
  const missing = candidate[top] === undefined || candidate[top] === null;
  if (issue.path.length === 1 && missing) return { field, reason: "required", message: `${field} is required` };
  const reasons: Record<string, RejectReason> = {
    invalid_type: "invalid_type",
    invalid_value: "invalid_enum",
    invalid_union: "invalid_type",
    invalid_format: "invalid_text",
  };
  let reason: RejectReason = reasons[issue.code] ?? "invalid_type";
  if (issue.code === "too_big" || issue.code === "too_small") {
    reason = issue.origin === "string" ? "too_long" : issue.origin === "array" ? "too_many" : "out_of_range";
  }
  if (issue.code === "custom") reason = (issue.params?.reason as RejectReason | undefined) ?? "invalid_type";
  if (issue.code === "invalid_value") {
    const given = valueAt(candidate, issue.path);
    return { field, reason, message: `${field} ${JSON.stringify(given)} is not one of ${issue.values.join(", ")}` };
  }
  return { field, reason, message: `${field}: ${issue.message}` };
}

/** Blank text (or `\N`, the NULL of ClickHouse and MySQL dumps) means "not given": CSV has no other way to say it; JSON's null means the same. */
function normalise(candidate: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in candidate) {
    const value = candidate[key];
    if (typeof value === "string") {
      const trimmed = value.trim();
      if (trimmed !== "" && trimmed !== "\\N") out[key] = trimmed;
    } else if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

const ORDER: Record<RecordKind, [later: string, earlier: string][]> = {
  tickets: [
    ["first_response_at", "created_at"],
    ["resolved_at", "created_at"],
    ["closed_at", "created_at"],
  ],
  conversations: [
    ["answered_at", "started_at"],
    ["ended_at", "started_at"],
    ["ended_at", "answered_at"],
  ],
  surveys: [],
};

const TIMESTAMP_FIELDS = Object.fromEntries(
  (Object.keys(FIELDS) as RecordKind[]).map((kind) => [
    kind,
    Object.entries(FIELDS[kind])
      .filter(([, spec]) => spec.type === "timestamp")
      .map(([field]) => field),
  ]),
) as Record<RecordKind, string[]>;

const MIN_MS = 0;
const MAX_MS = Date.UTC(2105, 11, 31);

/** Rules across fields, after each field has its type: time order, the future, score scales. */
function crossCheck(kind: RecordKind, r: Record<string, unknown>, nowMs: number): Refusal | null {
  for (const field of TIMESTAMP_FIELDS[kind]) {
    const t = r[field];
    if (typeof t !== "number") continue;
    if (t < MIN_MS || t > MAX_MS) return { field, reason: "out_of_range", message: `${field} ${iso(t)} is outside 1970–2105` };
    if (t > nowMs + LIMITS.futureToleranceMs) {
      return { field, reason: "future_timestamp", message: `${field} ${iso(t)} is in the future` };
    }
  }
  for (const [later, earlier] of ORDER[kind]) {
    const a = r[later];
    const b = r[earlier];
    if (typeof a === "number" && typeof b === "number" && a < b) {
      return { field: later, reason: "time_order", message: `${later} ${iso(a)} is before ${earlier} ${iso(b)}` };
    }
  }
  if (kind === "surveys") {
    const range = SCORE_RANGES[r.kind as keyof typeof SCORE_RANGES];
    const score = r.score as number;
    if (score < range[0] || score > range[1]) {
      return { field: "score", reason: "out_of_range", message: `score ${score} is outside ${range[0]}–${range[1]} for ${String(r.kind)}` };
    }
  }
  return null;
}

/** The full schema alone: slower than validateRecord, and the authority on what it accepts and why. */
export function validateFully(kind: RecordKind, candidate: Record<string, unknown>): Validation {
  const input = normalise(candidate);
  const parsed = SCHEMAS[kind].safeParse(input);
  if (!parsed.success) return { ok: false, refusal: refusalFromIssue(parsed.error.issues[0]!, input) };
  return { ok: true, record: parsed.data as CanonicalRecord };
}

/** Validates one candidate record (canonical field names, values as read) against its format. */
export function validateRecord(kind: RecordKind, candidate: Record<string, unknown>, nowMs = Date.now()): Validation {
  // Nearly every record passes the fast path (prepare.ts); the rest learn from the full schema why not.
  const prepared = prepareRecord(kind, candidate);
  let record: CanonicalRecord;
  if (prepared && checkPrepared(kind, prepared)) record = prepared;
  else {
    const full = validateFully(kind, candidate);
    if (!full.ok) return full;
    record = full.record;
  }
  const refusal = crossCheck(kind, record, nowMs);
  return refusal ? { ok: false, refusal } : { ok: true, record };
}
