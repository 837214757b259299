import { createHash } from "node:crypto";
import type { Db } from "../clickhouse/client";
import { verifyApiKey } from "./api-keys";
import { RECORD_KINDS, type RecordKind } from "./fields";
import { newRun, recordRun } from "./runs";
import { IngestSession, type InputRecord } from "./session";

export interface PushOptions {
  db: Db;
  maxBytes?: number;
  maxRecords?: number;
}

export const PUSH_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRecords: 10_000 };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });

async function readBody(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw new HttpError(413, `body larger than ${maxBytes} bytes; send smaller batches`);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new HttpError(413, `body larger than ${maxBytes} bytes; send smaller batches`);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "body is not valid UTF-8: send JSON encoded as UTF-8");
  }
}

/** A JSON array, `{"records": [...]}`, one JSON object, or JSON Lines (one object per line). */
function splitRecords(body: string, contentType: string): InputRecord[] {
  const text = body.replace(/^\uFEFF/, "");
  const lines = /ndjson|jsonl|json-seq|x-json-stream/i.test(contentType);
  if (!lines) {
    try {
      const parsed = JSON.parse(text) as unknown;
      const list = Array.isArray(parsed)
        ? parsed
        : parsed && typeof parsed === "object" && Array.isArray((parsed as { records?: unknown }).records)
          ? (parsed as { records: unknown[] }).records
          : [parsed];
      return list.map((value, index) => toInput(value, index + 1, JSON.stringify(value) ?? String(value)));
    } catch (error) {
      // Not one JSON document: JSON Lines sent without its content type.
      if (!/^\s*\{/.test(text)) throw new HttpError(400, `body is not JSON: ${(error as Error).message}`);
    }
  }
  const out: InputRecord[] = [];
  text.split("\n").forEach((lineText, index) => {
    const line = lineText.replace(/\r$/, "");
    if (line.trim() === "") return;
    try {
      out.push(toInput(JSON.parse(line) as unknown, index + 1, line));
    } catch (error) {
      out.push({ line: index + 1, raw: line, refusal: { field: "record", reason: "parse_error", message: `not valid JSON: ${(error as Error).message}` } });
    }
  });
  return out;
}

function toInput(value: unknown, line: number, raw: string): InputRecord {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { line, raw, refusal: { field: "record", reason: "parse_error", message: "expected a JSON object" } };
  }
  return { line, raw, candidate: value as Record<string, unknown> };
}

function apiKeyOf(req: Request): string | null {
  const auth = req.headers.get("authorization");
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, "");
  return req.headers.get("x-api-key");
}

/**
 * POST /api/ingest/{kind}: the same validation, idempotency and reject storage as file loads,
 * one run per request, and one result per record in the answer (`line` is the record's
 * position: its index from 1 in an array, its line in JSON Lines).
 */
export async function handleIngestPush(req: Request, kind: string, options: PushOptions): Promise<Response> {
  const { db } = options;
  try {
    if (!(RECORD_KINDS as readonly string[]).includes(kind)) {
      throw new HttpError(404, `unknown record kind ${JSON.stringify(kind)}: use ${RECORD_KINDS.join(", ")}`);
    }
    const presented = apiKeyOf(req);
    if (!presented) throw new HttpError(401, "missing API key: send `Authorization: Bearer <key>`");
    const key = await verifyApiKey(db, presented);
    if (!key) throw new HttpError(401, "invalid or revoked API key");

    const body = await readBody(req, options.maxBytes ?? PUSH_LIMITS.maxBytes);
    const records = splitRecords(body, req.headers.get("content-type") ?? "");
    const maxRecords = options.maxRecords ?? PUSH_LIMITS.maxRecords;
    if (records.length === 0) throw new HttpError(400, "no records in the body");
    if (records.length > maxRecords) throw new HttpError(413, `${records.length} records; at most ${maxRecords} per request`);

    const contentHash = createHash("sha256").update(body).digest("hex");
    const run = newRun(kind as RecordKind, key.source, `push:${key.source}`, contentHash);
    const session = new IngestSession(db, kind as RecordKind, {
      source: key.source,
      runId: run.runId,
      file: run.file,
      keepResults: true,
      batchRetries: 1,
      retryDelayMs: 500,
    });
    await recordRun(db, run, "running", session.counts);
    try {
      for (const r of records) await session.add(r);
      const counts = await session.finish();
      await recordRun(db, run, "succeeded", counts);
      return json(200, { run_id: run.runId, kind, source: key.source, counts, results: session.results });
    } catch (error) {
      await recordRun(db, run, "failed", session.counts, String((error as Error).message ?? error)).catch(() => {});
      throw error;
    }
  } catch (error) {
    if (error instanceof HttpError) return json(error.status, { error: error.message });
    console.error("ingest push failed:", error);
    return json(503, { error: "the database is unavailable: send the same request again later (records already stored are not stored twice)" });
  }
}
