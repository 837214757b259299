/**
 * KPI figures computed straight from generated rows (definitions of PRODUCT.md §4), to check
 * that the demo lands on believable numbers without a database: used by tests and `--dry-run`.
 */
import { parseDateTime } from "../../server/clickhouse/sql";
import { DAY_MS } from "./calendar";
import type { DemoRecord } from "./rows";
import { slaTarget, type Priority, type SlaTier } from "./sla";

const MINUTE = 60_000;

export interface DemoStats {
  tickets: number;
  conversations: number;
  surveys: number;
  nps: number;
  npsResponses: number;
  csatShare: number;
  csatResponses: number;
  cesMean: number;
  cesResponses: number;
  commentShare: number;
  /** Share of tickets with no same-topic ticket from the same customer within 7 days, nor reopened. */
  fcr: number;
  repeatRate: number;
  reopenRate: number;
  slaFirstResponse: number;
  slaResolution: number;
  slaBoth: number;
  abandonRate: number;
  asaSeconds: number;
  ahtPhoneSeconds: number;
  transferRate: number;
  selfServiceRate: number;
  escalation: Record<string, number>;
  priorities: Record<string, number>;
  tiers: Record<string, number>;
  channels: Record<string, number>;
  languages: Record<string, number>;
  statuses: Record<string, number>;
}

function shares(counts: Map<string, number>, total: number): Record<string, number> {
  return Object.fromEntries([...counts].sort().map(([k, v]) => [k, Math.round((v / total) * 1000) / 1000]));
}

export class StatsCollector {
  private tickets = 0;
  private conversations = 0;
  private surveys = 0;
  private nps = { promoters: 0, detractors: 0, n: 0 };
  private csat = { good: 0, n: 0 };
  private ces = { sum: 0, n: 0 };
  private comments = 0;
  private lastByTopic = new Map<string, { at: number; index: number }>();
  private followed = new Set<number>();
  private reopened = new Set<number>();
  private fr = { met: 0, n: 0 };
  private res = { met: 0, n: 0 };
  private both = { met: 0, n: 0 };
  private phone = { offered: 0, abandoned: 0, waitSum: 0, answered: 0, ahtSum: 0 };
  private transferred = 0;
  private botResolved = 0;
  private counts = {
    escalation: new Map<string, number>(),
    priorities: new Map<string, number>(),
    tiers: new Map<string, number>(),
    channels: new Map<string, number>(),
    languages: new Map<string, number>(),
    statuses: new Map<string, number>(),
  };

  constructor(private readonly endMs: number) {}

  add(record: DemoRecord): void {
    if (record.table === "tickets") {
      const t = record.row;
      const index = this.tickets++;
      const created = parseDateTime(t.created_at);
      const key = `${t.customer_id}/${t.category}`;
      const last = this.lastByTopic.get(key);
      if (last && created - last.at <= 7 * DAY_MS) this.followed.add(last.index);
      this.lastByTopic.set(key, { at: created, index });
      if (t.reopen_count > 0) this.reopened.add(index);
      const target = slaTarget(t.sla_tier as SlaTier, t.priority as Priority);
      const frLimit = created + target.firstResponseMinutes * MINUTE;
      const resLimit = created + target.resolutionMinutes * MINUTE;
      // Open tickets count once their target has passed (PRODUCT.md §4).
      const frAt = t.first_response_at ? parseDateTime(t.first_response_at) : null;
      const resAt = t.resolved_at ? parseDateTime(t.resolved_at) : null;
      const frKnown = frAt !== null || this.endMs > frLimit;
      const resKnown = resAt !== null || this.endMs > resLimit;
      const frMet = frAt !== null && frAt <= frLimit;
      const resMet = resAt !== null && resAt <= resLimit;
      if (frKnown) this.count(this.fr, frMet);
      if (resKnown) this.count(this.res, resMet);
      if (frKnown && resKnown) this.count(this.both, frMet && resMet);
      this.bump("escalation", t.escalation_level);
      this.bump("priorities", t.priority);
      this.bump("tiers", t.sla_tier);
      this.bump("channels", t.channel);
      this.bump("languages", t.language);
      this.bump("statuses", t.status);
    } else if (record.table === "conversations") {
      const c = record.row;
      this.conversations++;
      if (c.transfer_count > 0) this.transferred++;
      if (c.bot_resolved) this.botResolved++;
      if (c.channel === "phone" && c.direction === "inbound") {
        this.phone.offered++;
        if (c.abandoned) this.phone.abandoned++;
        else {
          this.phone.answered++;
          this.phone.waitSum += c.wait_seconds;
          this.phone.ahtSum += c.talk_seconds + c.hold_seconds + c.acw_seconds;
        }
      }
    } else if (record.table === "survey_responses") {
      const s = record.row;
      this.surveys++;
      if (s.comment) this.comments++;
      if (s.kind === "nps") {
        this.nps.n++;
        if (s.score >= 9) this.nps.promoters++;
        else if (s.score <= 6) this.nps.detractors++;
      } else if (s.kind === "csat") {
        this.csat.n++;
        if (s.score >= 4) this.csat.good++;
      } else {
        this.ces.n++;
        this.ces.sum += s.score;
      }
    }
  }

  private count(bucket: { met: number; n: number }, met: boolean): void {
    bucket.n++;
    if (met) bucket.met++;
  }

  private bump(kind: keyof StatsCollector["counts"], value: string): void {
    const map = this.counts[kind];
    map.set(value, (map.get(value) ?? 0) + 1);
  }

  result(): DemoStats {
    const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
    return {
      tickets: this.tickets,
      conversations: this.conversations,
      surveys: this.surveys,
      nps: Math.round(100 * ratio(this.nps.promoters - this.nps.detractors, this.nps.n) * 10) / 10,
      npsResponses: this.nps.n,
      csatShare: ratio(this.csat.good, this.csat.n),
      csatResponses: this.csat.n,
      cesMean: ratio(this.ces.sum, this.ces.n),
      cesResponses: this.ces.n,
      commentShare: ratio(this.comments, this.surveys),
      fcr: 1 - ratio(new Set([...this.followed, ...this.reopened]).size, this.tickets),
      repeatRate: ratio(this.followed.size, this.tickets),
      reopenRate: ratio(this.reopened.size, this.tickets),
      slaFirstResponse: ratio(this.fr.met, this.fr.n),
      slaResolution: ratio(this.res.met, this.res.n),
      slaBoth: ratio(this.both.met, this.both.n),
      abandonRate: ratio(this.phone.abandoned, this.phone.offered),
      asaSeconds: ratio(this.phone.waitSum, this.phone.answered),
      ahtPhoneSeconds: ratio(this.phone.ahtSum, this.phone.answered),
      transferRate: ratio(this.transferred, this.conversations),
      selfServiceRate: ratio(this.botResolved, this.conversations),
      escalation: shares(this.counts.escalation, this.tickets),
      priorities: shares(this.counts.priorities, this.tickets),
      tiers: shares(this.counts.tiers, this.tickets),
      channels: shares(this.counts.channels, this.tickets),
      languages: shares(this.counts.languages, this.tickets),
      statuses: shares(this.counts.statuses, this.tickets),
    };
  }
}
