"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useCan } from "@/components/auth/permissions-context";
import { useLocale } from "@/components/i18n/locale";
import { formatDuration } from "@/components/overview/format";
import { useTRPC } from "@/components/trpc/client";
import type { ConversationRecord, QaFlag } from "@/server/records/repository";
import { BackLink, Chips, clock, errorState, Facts, formatSentiment, RecordLink, RecordState, retryRecord, sentimentColor, speakerLabel, yesNo } from "./parts";

/** A conversation: facts, the transcript as a chat, QA flags that jump to their evidence, tags. */
export function ConversationScreen({ id }: { id: string }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const mayUnredact = useCan("transcript.unredacted");
  const [unredacted, setUnredacted] = useState(false);
  const [highlight, setHighlight] = useState<number | null>(null);
  const queryClient = useQueryClient();
  const redacted = useQuery({ ...trpc.records.conversation.queryOptions({ id }), retry: retryRecord });
  // Never cached: every unredacted view goes to the server, which logs it before answering.
  const rawOptions = trpc.records.conversation.queryOptions({ id, unredacted: true });
  const raw = useQuery({
    ...rawOptions,
    enabled: mayUnredact && unredacted,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });

  if (redacted.isPending) return <RecordState state="loading" />;
  if (redacted.isError) return <RecordState state={errorState(redacted.error)} message={redacted.error.message} onRetry={() => void redacted.refetch()} />;
  const record: ConversationRecord = unredacted && raw.data ? raw.data : redacted.data;

  // Scrolls the transcript (not the whole page) to the utterance and brings the transcript into view.
  const goTo = (index: number) => {
    setHighlight(index);
    const item = document.getElementById(`utt-${index}`);
    const list = item?.parentElement;
    if (!item || !list) return;
    list.scrollTo({ top: item.offsetTop - (list.clientHeight - item.clientHeight) / 2, behavior: "smooth" });
    list.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };
  const flagsAt = new Map<number, QaFlag[]>();
  for (const f of record.flags) if (f.utteranceIndex >= 0) flagsAt.set(f.utteranceIndex, [...(flagsAt.get(f.utteranceIndex) ?? []), f]);
  const tagging = record.tagging;
  const textNote =
    record.text === "unredacted" ? t.recShowingUnredacted : record.text === "redacted_by_tagger" ? t.recRedactedByTagger : t.recRedactedOnTheFly;

  return (
    <main className="overview record" data-testid="record-conversation">
      <BackLink />
      <header className="record-header">
        <h1>
          {t.recConversation} <code data-testid="record-id">{record.id}</code>
        </h1>
        {record.ticketId && (
          <span>
            {t.recTicket} <RecordLink kind="tickets" id={record.ticketId} />
          </span>
        )}
        <span className="muted">
          {t.timesIn} {record.timezone}
        </span>
      </header>

      <section className="panel">
        <Facts
          testId="conversation-facts"
          items={[
            [t.channel, record.channel],
            [t.recDirection, record.direction],
            [t.recQueue, record.queue],
            [t.team, record.team],
            [t.agent, record.agent],
            [t.recCustomer, record.customerId],
            [t.recStarted, record.startedAt.text],
            [t.recAnswered, record.answeredAt?.text ?? ""],
            [t.recEnded, record.endedAt?.text ?? ""],
            [t.recWait, formatDuration(record.waitSeconds)],
            [t.recTalk, formatDuration(record.talkSeconds)],
            [t.recHold, formatDuration(record.holdSeconds)],
            [t.recAcw, formatDuration(record.acwSeconds)],
            [t.recTransfers, String(record.transferCount)],
            [t.recHandledBy, record.handledBy],
            [t.recAbandoned, yesNo(t, record.abandoned)],
            [t.language, tagging?.language || record.language],
            [
              t.recSentimentStartEnd,
              tagging ? (
                <span data-testid="sentiment-start-end">
                  <SentimentDot value={tagging.sentimentStart} /> {formatSentiment(tagging.sentimentStart)} → <SentimentDot value={tagging.sentimentEnd} />{" "}
                  {formatSentiment(tagging.sentimentEnd)}
                </span>
              ) : (
                ""
              ),
            ],
          ]}
        />
        {!tagging && <p className="notice">{t.recNotTagged}</p>}
        {tagging?.stale && <p className="notice">{t.recStale}</p>}
      </section>

      <div className="record-columns">
        <section className="panel transcript-panel" aria-label={t.recTranscript}>
          <header className="transcript-header">
            <h2>{t.recTranscript}</h2>
            <span className={record.text === "unredacted" ? "text-mode unredacted" : "text-mode"} data-testid="text-mode" data-mode={record.text}>
              {textNote}
            </span>
            {mayUnredact && (
              <span className="unredact">
                <label>
                  <input
                    type="checkbox"
                    checked={unredacted}
                    onChange={(e) => {
                      // Switching off drops the text, so switching on again asks (and is logged) again.
                      if (!e.target.checked) queryClient.removeQueries({ queryKey: rawOptions.queryKey });
                      setUnredacted(e.target.checked);
                    }}
                    data-testid="unredacted-toggle"
                  />{" "}
                  {t.recShowUnredacted}
                </label>
                <small className="muted" data-testid="unredacted-note">
                  {t.recUnredactedNote}
                </small>
              </span>
            )}
          </header>
          {unredacted && raw.isFetching && (
            <p className="muted" role="status">
              {t.loading}
            </p>
          )}
          {unredacted && raw.isError && (
            <p className="error" role="alert">
              {t.couldNotLoad}: {raw.error.message}
            </p>
          )}
          {record.utterances.length === 0 ? (
            <p className="empty">{t.recNoUtterances}</p>
          ) : (
            <ol className="transcript" data-testid="transcript">
              {record.utterances.map((u) => (
                <li
                  key={u.index}
                  id={`utt-${u.index}`}
                  className={`utt speaker-${u.speaker === "agent" || u.speaker === "bot" ? u.speaker : "customer"}${highlight === u.index ? " highlight" : ""}`}
                  data-testid="utterance"
                  data-index={u.index}
                >
                  <span
                    className="utt-bar"
                    style={{ background: sentimentColor(u.sentiment) }}
                    title={`${t.recSentiment} ${formatSentiment(u.sentiment)}`}
                    aria-label={`${t.recSentiment} ${formatSentiment(u.sentiment)}`}
                  />
                  <div className="utt-body">
                    <div className="utt-meta">
                      <strong>{speakerLabel(t, u.speaker)}</strong>
                      <time>{clock(u.startMs)}</time>
                      {(flagsAt.get(u.index) ?? []).map((f) => (
                        <span key={f.flag} className="flag-badge">
                          {f.flag}
                        </span>
                      ))}
                    </div>
                    <p className="utt-text" data-testid="utterance-text">
                      {u.text}
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        <aside className="record-side">
          <section className="panel" data-testid="qa-flags">
            <h2>{t.recQaFlags}</h2>
            {!tagging ? (
              <p className="muted">{t.recNotTagged}</p>
            ) : record.flags.length === 0 ? (
              <p className="muted">{t.recNoFlags}</p>
            ) : (
              <ul className="flag-list">
                {record.flags.map((f) => (
                  <li key={`${f.flag}-${f.utteranceIndex}`} data-testid="qa-flag" data-flag={f.flag}>
                    <div>
                      <code>{f.flag}</code>{" "}
                      {f.utteranceIndex >= 0 ? (
                        <a
                          href={`#utt-${f.utteranceIndex}`}
                          data-testid="flag-link"
                          onClick={(event) => {
                            event.preventDefault();
                            goTo(f.utteranceIndex);
                          }}
                        >
                          {t.recGoToUtterance} ({clock(record.utterances[f.utteranceIndex]?.startMs ?? null)})
                        </a>
                      ) : (
                        <span className="muted">{t.recWholeRecord}</span>
                      )}
                    </div>
                    <div className="muted">{f.reason}</div>
                    {f.evidence && f.utteranceIndex >= 0 && <blockquote>{f.evidence}</blockquote>}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {tagging && (
            <section className="panel">
              <h3>{t.recKeywords}</h3>
              <Chips values={tagging.keywords} testId="keywords" />
              <h3>{t.recTopics}</h3>
              <Chips values={tagging.topics} testId="topics" />
              <h3>{t.recComplianceMisses}</h3>
              <Chips values={tagging.complianceMisses} testId="compliance-misses" />
              <p className="muted small">
                {t.recTaggedAt}: {tagging.taggedAt} · {tagging.taggerVersion}
              </p>
            </section>
          )}

          {record.surveys.length > 0 && (
            <section className="panel">
              <h2>{t.recSurveys}</h2>
              <ul className="link-list">
                {record.surveys.map((s) => (
                  <li key={s.id}>
                    <RecordLink kind="surveys" id={s.id} /> · {s.kind} {s.score}
                    {s.comment && <div className="muted">{s.comment}</div>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
    </main>
  );
}

function SentimentDot({ value }: { value: number | null }) {
  return <span className="sentiment-dot" style={{ background: sentimentColor(value) }} aria-hidden />;
}
