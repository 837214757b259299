/**
 * Contacts that never become tickets: callers who hang up in the queue, chats the bot answers
 * on its own, quick questions an agent settles on the spot. They carry abandonment and
 * self-service rates.
 */
import { formatDateTime } from "../../server/clickhouse/sql";
import { slotLoad } from "./calendar";
import { queueFor, type Category, type ConversationChannel, type Product } from "./catalog";
import { incidentFor, nextSurveyId, type GenContext } from "./context";
import { buildConversation } from "./conversations";
import { Details } from "./details";
import { Weighted } from "./random";
import type { DemoRecord } from "./rows";
import { frontlineAgent } from "./staffing";
import { buildSurvey } from "./surveys";

// Quick questions are the self-service-friendly topics.
const QUICK_TOPICS = new Weighted<Category>([
  ["billing_invoice", 5],
  ["login_account", 4],
  ["api_sdk", 3],
  ["storage_expansion", 2],
  ["refund", 2],
  ["performance", 1],
  ["network_latency", 1],
]);
const QUICK_PRODUCT: Record<Category, readonly Product[]> = {
  billing_invoice: ["Billing"],
  refund: ["Billing"],
  login_account: ["IAM"],
  api_sdk: ["OSS", "ECS", "IAM"],
  storage_expansion: ["OSS", "ECS"],
  performance: ["ECS", "RDS"],
  network_latency: ["CDN", "VPC"],
  outage: ["ECS"],
  ddos_security: ["ECS"],
  service_complaint: ["ECS"],
};
const CHANNEL_PICK = new Weighted<ConversationChannel>([
  ["phone", 0.4],
  ["chat", 0.38],
  ["wechat", 0.22],
]);

export function generateContact(ctx: GenContext, at: number, out: DemoRecord[]): void {
  const { rng } = ctx;
  const customer = ctx.pool.draw(rng);
  const lang = customer.language;
  let channel = CHANNEL_PICK.draw(rng);
  if (lang === "en" && channel === "wechat") channel = "chat";
  const category = QUICK_TOPICS.draw(rng);
  const product = rng.pick(QUICK_PRODUCT[category]);
  const load = slotLoad(at);
  const incident = incidentFor(ctx, category, customer.region);
  // Callers give up more when the queue is long (peak hours).
  const abandoned = channel === "phone" && rng.chance(Math.min(0.8, 0.12 + 0.22 * load));
  const botOnly = channel !== "phone" && rng.chance(0.85);
  const botResolved = botOnly && rng.chance(0.88);
  const agent = abandoned || botOnly ? null : frontlineAgent(rng, lang, at);
  const details = new Details({ rng, lang, category, product, region: customer.region, at });

  const conversation = buildConversation(ctx, {
    channel,
    outbound: false,
    startedAt: at,
    customer,
    lang,
    region: customer.region,
    product,
    category,
    ticketId: "",
    queue: queueFor(category, lang, customer.tier === "enterprise"),
    agent,
    transfers: [],
    botFirst: botOnly,
    botResolved,
    abandoned,
    frustrated: false,
    rude: false,
    repeat: false,
    spikeId: incident?.definition.id ?? null,
    details,
    waitFactor: 0.55 + 0.45 * load,
    effort: 0.6,
  });
  if (conversation.endedAt >= ctx.endMs) return;
  out.push({ table: "conversations", row: conversation.row });

  if (!abandoned && rng.chance(botOnly ? 0.25 : 0.35)) {
    const respondedAt = conversation.endedAt + rng.int(10_000, 180_000);
    if (respondedAt >= ctx.endMs) return;
    out.push({
      table: "survey_responses",
      row: buildSurvey(
        rng,
        nextSurveyId(ctx),
        formatDateTime(new Date(respondedAt)),
        {
          ticketId: "",
          conversationId: conversation.row.id,
          customerId: customer.id,
          channel,
          team: conversation.row.team,
          agent: conversation.row.agent,
          region: customer.region,
          product,
          lang,
          category,
        },
        {
          firstResponseBreached: false,
          resolutionBreached: false,
          unresolved: botOnly && !botResolved,
          longWait: conversation.waitSeconds > 90,
          reopened: 0,
          transfers: 0,
          frustrated: false,
          rude: false,
          repeat: false,
          botResolved,
          spikeId: null,
          rapport: agent?.rapport ?? 0,
        },
      ),
    });
  }
}
