import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { audit } from "../../auth/audit";
import { can } from "../../auth/permissions";
import { conversationRecord, surveyRecord, ticketRecord } from "../../records/repository";
import { procedure, router } from "../../trpc/init";

/** Record ids as the drill-down shows them; a lone surrogate cannot be sent to ClickHouse (400, not 500). */
const RecordId = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s.isWellFormed(), "not well-formed Unicode (lone surrogate)");

/** Unknown and out-of-scope records get the same answer, so a page never confirms that a record exists. */
function notFound(kind: string, id: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `no ${kind} ${JSON.stringify(id)}` });
}

export const recordsRouter = router({
  /** A ticket: its fields, timeline, conversations and survey responses (subject and description redacted). */
  ticket: procedure("dashboard.view")
    .input(z.object({ id: RecordId }))
    .query(async ({ ctx, input }) => {
      const record = await ticketRecord(ctx.db, ctx.caller, input.id, ctx.timezone);
      if (!record) throw notFound("ticket", input.id);
      return record;
    }),

  /**
   * A conversation with its transcript, per-utterance sentiment, keywords, topics, compliance
   * misses and QA flags. Texts are redacted unless `unredacted` is asked for, which needs
   * `transcript.unredacted` and is written to the audit log on every call.
   */
  conversation: procedure("dashboard.view")
    .input(z.object({ id: RecordId, unredacted: z.boolean().default(false) }))
    .query(async ({ ctx, input }) => {
      if (input.unredacted && !can(ctx.caller.role, "transcript.unredacted")) {
        throw new TRPCError({ code: "FORBIDDEN", message: `role ${ctx.caller.role} may not read transcripts unredacted` });
      }
      const record = await conversationRecord(ctx.db, ctx.caller, input.id, { timezone: ctx.timezone, unredacted: input.unredacted });
      if (!record) throw notFound("conversation", input.id);
      // Written before the text is returned: no unlogged view, even if the log cannot be written.
      if (input.unredacted) {
        await audit(ctx.db, ctx.caller, "transcript.view_unredacted", record.id, { team: record.team, agent: record.agent, utterances: record.utterances.length }, ctx.ip ?? "");
      }
      return record;
    }),

  /** A survey response (comment redacted) with links to its ticket and conversation. */
  survey: procedure("dashboard.view")
    .input(z.object({ id: RecordId }))
    .query(async ({ ctx, input }) => {
      const record = await surveyRecord(ctx.db, ctx.caller, input.id, ctx.timezone);
      if (!record) throw notFound("survey response", input.id);
      return record;
    }),
});
