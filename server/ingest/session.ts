import type { Db } from "../clickhouse/client";
import { TIME_FIELD, type RecordKind } from "./fields";
import { IdSet } from "./id-set";
import { contentLine } from "./rows";
import { emptyCounts, type RunCounts } from "./runs";
import { validateRecord, type Refusal } from "./validate";
import { RecordWriter, type AcceptedRecord, type Outcome, type RejectedRecord } from "./writer";

/** One record as read: its canonical-named fields, or the reason it could not even be read. */
export interface InputRecord {
  line: number;
  raw: string;
  candidate?: Record<string, unknown>;
  refusal?: Refusal;
}

/**
 * A record after validation, as text: what a batch holds and what the insert sends. Made by
 * prepareInput from the record alone (no session state), before the session checks its id.
 */
export type PreparedRecord =
  | { line: number; raw: string; id: string; content: string; timeMs: number; updatedAtMs: number | null; refusal?: undefined }
  | { line: number; raw: string; id: string | null; refusal: Refusal };

/** Validates a record and turns it into its table row's text (or says why not). */
export function prepareInput(kind: RecordKind, input: InputRecord, source: string, nowMs: number): PreparedRecord {
  const { line, raw } = input;
  if (input.refusal || !input.candidate) {
    return { line, raw, id: null, refusal: input.refusal ?? { field: "record", reason: "parse_error", message: "unreadable record" } };
  }
  const v = validateRecord(kind, input.candidate, nowMs);
  if (!v.ok) {
    const id = input.candidate.id;
    return { line, raw, id: typeof id === "string" || typeof id === "number" ? String(id) : null, refusal: v.refusal };
  }
  const updatedAt = v.record.updated_at;
  return {
    line,
    raw,
    id: v.record.id,
    content: contentLine(kind, v.record, source),
    timeMs: v.record[TIME_FIELD[kind]] as number,
    updatedAtMs: typeof updatedAt === "number" ? updatedAt : null,
  };
}

export interface RecordResult {
  line: number;
  id: string | null;
  status: Outcome | "rejected";
  field?: string;
  reason?: string;
  message?: string;
}

export interface SessionOptions {
  source: string;
  runId: string;
  file: string;
  batchSize?: number;
  /** A batch is also written once its records' raw text reaches this many characters (transcripts are large). */
  batchChars?: number;
  /** How many batches may be written at once (ids never repeat across batches, so they cannot race). */
  concurrency?: number;
  /** Keep one result per record (the HTTP push answers with them); files only keep counts. */
  keepResults?: boolean;
  /** How often a failed batch is tried again (after the client's own retries), with doubling waits. */
  batchRetries?: number;
  retryDelayMs?: number;
  onBatch?: (counts: RunCounts) => void;
  now?: () => number;
}

/** Connection-level failures (the server is away or restarting) are worth waiting for; SQL errors are not. */
export function isUnavailable(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const text = `${(error as Error)?.message ?? ""} ${cause?.code ?? ""} ${cause?.message ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|socket hang up|Timeout error|other side closed/i.test(text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Validates records as they are read, rejects duplicate ids within the input, and writes
 * batches while the next batch is being read (one batch in flight keeps memory flat).
 */
export class IngestSession {
  readonly counts: RunCounts = emptyCounts();
  readonly results: RecordResult[] = [];
  private readonly writer: RecordWriter;
  private readonly seen = new IdSet();
  private accepted: AcceptedRecord[] = [];
  private rejected: RejectedRecord[] = [];
  /** Writes under way; two overlap so that ClickHouse (another core) and our parsing both stay busy. */
  private inFlight: Promise<void>[] = [];
  private readonly maxInFlight: number;
  private failure: unknown = null;
  private readonly batchSize: number;
  private readonly batchChars: number;
  private pendingChars = 0;

  constructor(
    db: Db,
    private readonly kind: RecordKind,
    private readonly options: SessionOptions,
  ) {
    this.writer = new RecordWriter(db, kind, { runId: options.runId, file: options.file });
    this.batchSize = options.batchSize ?? 20_000;
    // Memory stays flat when a batch is bounded in size, not only in rows: V8 lets the heap grow
    // to a multiple of what is live, so what is live (two batches) must stay small.
    this.batchChars = options.batchChars ?? 2_000_000;
    this.maxInFlight = options.concurrency ?? 2;
  }

  private reject(input: { line: number; raw: string }, refusal: Refusal, id: string | null): void {
    this.rejected.push({ line: input.line, refusal, raw: input.raw });
    this.counts.rejected++;
    this.counts.rejectedByReason[refusal.reason] = (this.counts.rejectedByReason[refusal.reason] ?? 0) + 1;
    if (this.options.keepResults) {
      this.results.push({ line: input.line, id, status: "rejected", field: refusal.field, reason: refusal.reason, message: refusal.message });
    }
  }

  add(input: InputRecord): Promise<void> | undefined {
    return this.addPrepared(prepareInput(this.kind, input, this.options.source, this.options.now?.() ?? Date.now()));
  }

  /**
   * Takes a validated record: rejects a duplicate id, else adds it to the batch. Returns a
   * promise only when a batch was handed to the writer and the caller must wait for room.
   */
  addPrepared(p: PreparedRecord): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    this.counts.read++;
    if (p.refusal) this.reject(p, p.refusal, p.id);
    else {
      const firstLine = this.seen.addOrGet(p.id, p.line);
      if (firstLine !== null) {
        this.reject(p, { field: "id", reason: "duplicate_id", message: `id ${JSON.stringify(p.id)} already appeared at line ${firstLine} of this input` }, p.id);
      } else {
        // Text from here on: a batch held as strings keeps the heap small and is what the insert sends.
        this.accepted.push(p);
      }
    }
    this.pendingChars += p.raw.length;
    if (this.accepted.length + this.rejected.length >= this.batchSize || this.pendingChars >= this.batchChars) return this.flush();
    return undefined;
  }

  /** Hands the current batch to the writer; waits only while too many batches are being written. */
  private async flush(): Promise<void> {
    const accepted = this.accepted;
    const rejected = this.rejected;
    this.accepted = [];
    this.rejected = [];
    this.pendingChars = 0;
    while (this.inFlight.length >= this.maxInFlight) await this.inFlight.shift();
    if (this.failure) throw this.failure;
    if (accepted.length === 0 && rejected.length === 0) return;
    this.inFlight.push(
      this.writeWithRetry(accepted, rejected).catch((error: unknown) => {
        this.failure ??= error;
      }),
    );
  }

  private async writeWithRetry(accepted: AcceptedRecord[], rejected: RejectedRecord[]): Promise<void> {
    const retries = this.options.batchRetries ?? 3;
    let delay = this.options.retryDelayMs ?? 2000;
    for (let attempt = 0; ; attempt++) {
      try {
        const outcomes = await this.writer.write(accepted, rejected);
        this.tally(accepted, outcomes);
        return;
      } catch (error) {
        if (attempt >= retries || !isUnavailable(error)) throw error;
        await sleep(delay);
        delay *= 2;
      }
    }
  }

  private tally(accepted: AcceptedRecord[], outcomes: Outcome[]): void {
    outcomes.forEach((outcome, i) => {
      const record = accepted[i]!;
      if (outcome === "stale") {
        // Counted with the rejects (accepted + rejected = read); the writer stored it with its reason.
        this.counts.rejected++;
        this.counts.rejectedByReason.stale = (this.counts.rejectedByReason.stale ?? 0) + 1;
        if (this.options.keepResults) {
          this.results.push({ line: record.line, id: record.id, status: "rejected", field: "updated_at", reason: "stale", message: "older than the stored version; not applied" });
        }
        return;
      }
      this.counts[outcome]++;
      if (this.options.keepResults) this.results.push({ line: record.line, id: record.id, status: outcome });
    });
    this.options.onBatch?.(this.counts);
  }

  /** Writes what is left; resolves with the final counts or throws the first write failure. */
  async finish(): Promise<RunCounts> {
    await this.flush();
    await Promise.all(this.inFlight);
    this.inFlight = [];
    if (this.failure) throw this.failure;
    if (this.options.keepResults) this.results.sort((a, b) => a.line - b.line);
    return this.counts;
  }
}
