"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useLocale } from "@/components/i18n/locale";
import type { Messages } from "@/components/i18n/messages";
import { recordHref } from "./links";

/** Label/value pairs in a compact grid; empty values show as —. */
export function Facts({ items, testId }: { items: [label: string, value: ReactNode][]; testId?: string }) {
  return (
    <dl className="record-facts" data-testid={testId}>
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === "" || value === null || value === undefined ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Chips({ values, testId }: { values: readonly string[]; testId?: string }) {
  const { t } = useLocale();
  if (values.length === 0) return <span className="muted chips-none">{t.recNone}</span>;
  return (
    <ul className="chips" data-testid={testId}>
      {values.map((v) => (
        <li key={v}>{v}</li>
      ))}
    </ul>
  );
}

/** Back to wherever the reader came from (the drill-down), or to the overview when opened directly. */
export function BackLink() {
  const { t } = useLocale();
  const router = useRouter();
  return (
    <Link
      href="/"
      className="record-back"
      data-testid="record-back"
      onClick={(event) => {
        if (window.history.length > 1) {
          event.preventDefault();
          router.back();
        }
      }}
    >
      {t.recBack}
    </Link>
  );
}

export function RecordLink({ kind, id }: { kind: "tickets" | "conversations" | "surveys"; id: string }) {
  return (
    <Link href={recordHref(kind, id)} data-testid="record-link">
      {id}
    </Link>
  );
}

/** Loading, not found and failure, the same on every record page. */
export function RecordState({ state, message, onRetry }: { state: "loading" | "not-found" | "error"; message?: string; onRetry?: () => void }) {
  const { t } = useLocale();
  return (
    <main className="overview record">
      <BackLink />
      {state === "loading" && (
        <p className="empty" role="status" data-testid="record-loading">
          {t.recLoading}
        </p>
      )}
      {state === "not-found" && (
        <section className="panel" data-testid="record-not-found">
          <h1>{t.recNotFound}</h1>
          <p>{t.recNotFoundBody}</p>
        </section>
      )}
      {state === "error" && (
        <section className="panel" data-testid="record-error">
          <p className="error" role="alert">
            {t.couldNotLoad}: {message}
          </p>
          {onRetry && (
            <button type="button" className="btn" onClick={onRetry}>
              {t.recRetry}
            </button>
          )}
        </section>
      )}
    </main>
  );
}

/** The state a failed query puts the page in: NOT_FOUND from the server is "not found", anything else an error. */
export function errorState(error: unknown): "not-found" | "error" {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  return code === "NOT_FOUND" || code === "BAD_REQUEST" ? "not-found" : "error";
}

/** Retry a failed record load once, but not an answer that will not change (not found, bad id, forbidden). */
export function retryRecord(failures: number, error: unknown): boolean {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  return failures < 1 && code !== "NOT_FOUND" && code !== "BAD_REQUEST" && code !== "FORBIDDEN" && code !== "UNAUTHORIZED";
}

/** mm:ss from the start of the conversation (minutes keep counting past 59). */
export function clock(ms: number | null): string {
  if (ms === null) return "";
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

/** −1…1 → a colour from red (negative) through grey (neutral) to green (positive). */
export function sentimentColor(value: number | null): string {
  if (value === null) return "transparent";
  const v = Math.max(-1, Math.min(1, value));
  if (Math.abs(v) < 0.05) return "#cbd5e1";
  const strength = 0.35 + 0.65 * Math.abs(v);
  return v < 0 ? `rgba(198, 40, 40, ${strength.toFixed(2)})` : `rgba(26, 127, 55, ${strength.toFixed(2)})`;
}

export function formatSentiment(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toFixed(2)}`;
}

export function speakerLabel(t: Messages, speaker: string): string {
  if (speaker === "agent") return t.recSpeakerAgent;
  if (speaker === "customer") return t.recSpeakerCustomer;
  if (speaker === "bot") return t.recSpeakerBot;
  return speaker || "?";
}

export function yesNo(t: Messages, value: boolean): string {
  return value ? t.recYes : t.recNo;
}
