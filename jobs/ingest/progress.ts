import type { RunCounts } from "../../server/ingest/runs";

const int = (n: number) => Math.round(n).toLocaleString("en-US");

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/**
 * Progress for one file: a bar redrawn in place on a terminal (rows, rows/s, ETA from the bytes
 * read), plain log lines at most every few seconds otherwise (logs, CI, the worker).
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = Date.now();
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly totalBytes: number,
    private readonly out: { isTTY?: boolean; write: (s: string) => unknown } = process.stderr,
    private readonly log: (line: string) => void = (line) => console.log(line),
    private readonly plainEveryMs = 5000,
  ) {}

  update(bytesRead: number, counts: RunCounts): void {
    const now = Date.now();
    const tty = Boolean(this.out.isTTY);
    if (now - this.lastDraw < (tty ? 150 : this.plainEveryMs)) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = counts.read / Math.max(seconds, 0.001);
    const share = this.totalBytes > 0 ? Math.min(1, bytesRead / this.totalBytes) : 0;
    const eta = share > 0 ? (seconds / share) * (1 - share) : Number.NaN;
    if (tty) {
      const width = 24;
      const filled = Math.round(share * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      this.out.write(
        `\r${this.label} ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${int(counts.read)} rows ${int(rate)} rows/s ETA ${duration(eta)} `,
      );
      this.drawn = true;
    } else {
      this.log(`${this.label}: ${int(counts.read)} rows read (${(share * 100).toFixed(0)}%), ${int(rate)} rows/s, ETA ${duration(eta)}`);
    }
  }

  done(): void {
    if (this.drawn) this.out.write("\r\x1b[K");
  }
}

export function formatSummary(counts: RunCounts): string {
  const reasons = Object.entries(counts.rejectedByReason)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${int(n)}`)
    .join(", ");
  return (
    `read ${int(counts.read)}, inserted ${int(counts.inserted)}, updated ${int(counts.updated)}, ` +
    `unchanged ${int(counts.unchanged)}, rejected ${int(counts.rejected)}${reasons ? ` (${reasons})` : ""}`
  );
}

export { duration, int as formatInt };
