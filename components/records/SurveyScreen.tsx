"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale } from "@/components/i18n/locale";
import { useTRPC } from "@/components/trpc/client";
import { BackLink, Chips, errorState, Facts, formatSentiment, RecordLink, RecordState, retryRecord } from "./parts";

/** A survey response: score, comment (redacted), and the ticket and conversation it is about. */
export function SurveyScreen({ id }: { id: string }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const query = useQuery({ ...trpc.records.survey.queryOptions({ id }), retry: retryRecord });
  if (query.isPending) return <RecordState state="loading" />;
  if (query.isError) return <RecordState state={errorState(query.error)} message={query.error.message} onRetry={() => void query.refetch()} />;
  const survey = query.data;
  return (
    <main className="overview record" data-testid="record-survey">
      <BackLink />
      <header className="record-header">
        <h1>
          {t.recSurvey} <code data-testid="record-id">{survey.id}</code>
        </h1>
        <span className="muted">
          {t.timesIn} {survey.timezone}
        </span>
      </header>
      <section className="panel">
        <Facts
          items={[
            [t.recKind, survey.kind],
            [t.recScore, String(survey.score)],
            [t.recResponded, survey.respondedAt.text],
            [t.recTicket, survey.ticketId ? <RecordLink kind="tickets" id={survey.ticketId} /> : ""],
            [t.recConversation, survey.conversationId ? <RecordLink kind="conversations" id={survey.conversationId} /> : ""],
            [t.channel, survey.channel],
            [t.team, survey.team],
            [t.agent, survey.agent],
            [t.recCustomer, survey.customerId],
            [t.region, survey.region],
            [t.product, survey.product],
            [t.language, survey.language],
            [t.recSource, survey.source],
          ]}
        />
        <h3>{t.recComment}</h3>
        <p className="record-text" data-testid="survey-comment">
          {survey.comment || <span className="muted">{t.recNoText}</span>}
        </p>
        {survey.tagging && (
          <>
            <Facts items={[[t.recSentiment, formatSentiment(survey.tagging.sentiment)]]} />
            <h3>{t.recKeywords}</h3>
            <Chips values={survey.tagging.keywords} />
            <h3>{t.recTopics}</h3>
            <Chips values={survey.tagging.topics} />
          </>
        )}
      </section>
    </main>
  );
}
