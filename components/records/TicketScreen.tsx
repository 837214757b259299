"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale } from "@/components/i18n/locale";
import { formatDuration } from "@/components/overview/format";
import { useTRPC } from "@/components/trpc/client";
import type { Moment } from "@/server/records/repository";
import { BackLink, Chips, errorState, Facts, formatSentiment, RecordLink, RecordState, retryRecord } from "./parts";

/** A ticket: its fields, the created → first response → resolved → closed timeline, its conversations and surveys. */
export function TicketScreen({ id }: { id: string }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const query = useQuery({ ...trpc.records.ticket.queryOptions({ id }), retry: retryRecord });
  if (query.isPending) return <RecordState state="loading" />;
  if (query.isError) return <RecordState state={errorState(query.error)} message={query.error.message} onRetry={() => void query.refetch()} />;
  const ticket = query.data;
  const steps: [string, Moment | null][] = [
    [t.recCreated, ticket.createdAt],
    [t.recFirstResponse, ticket.firstResponseAt],
    [t.recResolved, ticket.resolvedAt],
    [t.recClosed, ticket.closedAt],
  ];

  return (
    <main className="overview record" data-testid="record-ticket">
      <BackLink />
      <header className="record-header">
        <h1>
          {t.recTicket} <code data-testid="record-id">{ticket.id}</code>
        </h1>
        <span className="record-subject">{ticket.subject || t.recNoText}</span>
        <span className="muted">
          {t.timesIn} {ticket.timezone}
        </span>
      </header>

      <section className="panel" aria-label={t.recTimeline}>
        <h2>{t.recTimeline}</h2>
        <ol className="timeline" data-testid="ticket-timeline">
          {steps.map(([label, at], i) => (
            <li key={label} className={at ? "done" : "pending"} data-testid="timeline-step">
              <strong>{label}</strong>
              <span>{at ? at.text : t.recNotYet}</span>
              {at && i > 0 && (
                <span className="muted">
                  {t.recAfter} {formatDuration(at.epoch - ticket.createdAt.epoch)}
                </span>
              )}
            </li>
          ))}
        </ol>
      </section>

      <div className="record-columns">
        <div>
          <section className="panel">
            <h2>{t.recFacts}</h2>
            <Facts
              testId="ticket-facts"
              items={[
                [t.status, ticket.status],
                [t.priority, ticket.priority],
                [t.slaTier, ticket.slaTier],
                [t.channel, ticket.channel],
                [t.category, ticket.category],
                [t.team, ticket.team],
                [t.agent, ticket.agent],
                [t.recCustomer, ticket.customerId],
                [t.region, ticket.region],
                [t.product, ticket.product],
                [t.language, ticket.language],
                [t.recReopened, String(ticket.reopenCount)],
                [t.recEscalation, ticket.escalationLevel],
                [t.recTags, ticket.tags.join(", ")],
                [t.recSource, ticket.source],
              ]}
            />
            <h3>{t.recDescription}</h3>
            <p className="record-text" data-testid="ticket-description">
              {ticket.description || <span className="muted">{t.recNoText}</span>}
            </p>
          </section>
          {ticket.tagging && (
            <section className="panel">
              <Facts items={[[t.recSentiment, formatSentiment(ticket.tagging.sentiment)]]} />
              <h3>{t.recKeywords}</h3>
              <Chips values={ticket.tagging.keywords} />
              <h3>{t.recTopics}</h3>
              <Chips values={ticket.tagging.topics} />
            </section>
          )}
        </div>

        <aside className="record-side">
          <section className="panel" data-testid="ticket-conversations">
            <h2>{t.recConversations}</h2>
            {ticket.conversations.length === 0 ? (
              <p className="muted">{t.recNoConversations}</p>
            ) : (
              <table className="record-table">
                <thead>
                  <tr>
                    <th>{t.recConversation}</th>
                    <th>{t.recStarted}</th>
                    <th>{t.channel}</th>
                    <th>{t.agent}</th>
                    <th>{t.recTalk}</th>
                  </tr>
                </thead>
                <tbody>
                  {ticket.conversations.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <RecordLink kind="conversations" id={c.id} />
                      </td>
                      <td>{c.startedAt?.text}</td>
                      <td>{c.channel}</td>
                      <td>{c.agent || c.handledBy}</td>
                      <td>{c.abandoned ? t.recAbandoned : formatDuration(c.talkSeconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel" data-testid="ticket-surveys">
            <h2>{t.recSurveys}</h2>
            {ticket.surveys.length === 0 ? (
              <p className="muted">{t.recNoSurveys}</p>
            ) : (
              <ul className="link-list">
                {ticket.surveys.map((s) => (
                  <li key={s.id}>
                    <RecordLink kind="surveys" id={s.id} /> · {s.kind} {s.score} · <span className="muted">{s.respondedAt?.text}</span>
                    {s.comment && <div className="muted">{s.comment}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </main>
  );
}
