/**
 * Tags one record (conversation, ticket text or survey comment): language, redacted text,
 * tokens, sentiment per utterance and overall, keywords, topics, compliance misses and QA flags.
 * Pure: no I/O, so the job, the tests and the bench all tag the same way.
 */
import { ComplianceChecker, type ComplianceMiss } from "./compliance";
import type { NlpConfig } from "./config";
import { FlagRaiser, type QaFlag } from "./flags";
import { topTerms } from "./keywords";
import { redact, type PiiKind } from "./pii";
import { SentimentScorer } from "./sentiment";
import { TopicTagger } from "./taxonomy";
import { detectLanguage } from "./text/language";
import { hasHan, tokenizeMany } from "./text/segment";
import { TokenTable, type TokenInfo } from "./token-table";
import type { Utterance } from "./utterances";

export type RecordKind = "conversation" | "ticket" | "survey";

export interface TagInput {
  kind: RecordKind;
  id: string;
  utterances: Utterance[];
  channel: string;
  holdSeconds: number;
  transferCount: number;
  previousContact: { id: string; at: string } | null;
}

export interface TagOutput {
  language: string;
  sentiment: number;
  sentimentStart: number;
  sentimentEnd: number;
  uttSentiment: number[];
  keywords: string[];
  topics: string[];
  piiKinds: PiiKind[];
  redactedText: string[];
  compliance: ComplianceMiss[];
  flags: QaFlag[];
}

const MASKS = /\[(?:PHONE|EMAIL|ID|CARD|ADDRESS)\]/g;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

export class Tagger {
  private readonly topics: TopicTagger;
  private readonly compliance: ComplianceChecker;
  private readonly flagRaiser: FlagRaiser;
  private readonly tokenTable: TokenTable;

  constructor(
    readonly config: NlpConfig,
    private readonly sentiment: SentimentScorer = SentimentScorer.load(),
  ) {
    this.topics = new TopicTagger(config.taxonomy);
    this.compliance = new ComplianceChecker(config.compliance);
    this.flagRaiser = new FlagRaiser(config.flags);
    this.tokenTable = new TokenTable(sentiment);
  }

  get version(): string {
    return this.config.version;
  }

  tag(input: TagInput): TagOutput {
    const utts = input.utterances;
    const texts = utts.map((u) => u.text);
    const joined = texts.join("\n");
    const language = detectLanguage(joined);
    const piiKinds = new Set<PiiKind>();
    const redactedText = texts.map((t) => {
      const r = redact(t);
      for (const k of r.kinds) piiKinds.add(k);
      return r.text;
    });
    // Tokens of the redacted text: a phone number must not become a keyword.
    const tokens = tokenizeMany(piiKinds.size ? redactedText.map((t) => t.replace(MASKS, " ")) : redactedText);
    this.tokenTable.beginRecord();
    const terms: TokenInfo[] = [];
    const uttSentiment = tokens.map((tk, i) => {
      const zh = language === "zh" || hasHan(texts[i] ?? "");
      return round3(this.sentiment.scoreIds(this.tokenTable.read(tk, zh, terms), tk, zh));
    });

    const isConversation = input.kind === "conversation";
    const customerIdx = isConversation ? utts.map((u, i) => (u.speaker === "customer" ? i : -1)).filter((i) => i >= 0) : utts.map((_, i) => i);
    const customerScores = customerIdx.map((i) => uttSentiment[i]!);
    // The customer's mood is what the dashboard trends; fall back to everyone when the customer never spoke.
    const basis = customerScores.length ? customerScores : uttSentiment;
    const edge = (xs: readonly number[]) => mean(xs.filter((x) => x !== 0).slice(0, 2));
    const sentimentStart = round3(edge(basis));
    const sentimentEnd = round3(edge([...basis].reverse()));

    const redactedUtts: Utterance[] = utts.map((u, i) => ({ ...u, text: redactedText[i]! }));
    const compliance = isConversation ? this.compliance.check(redactedUtts, input.channel) : [];
    const flags = this.flagRaiser.raise({
      utterances: utts,
      redacted: redactedText,
      sentiments: uttSentiment,
      channel: input.channel,
      holdSeconds: input.holdSeconds,
      transferCount: input.transferCount,
      compliance,
      previousContact: input.previousContact,
      customerOnly: !isConversation,
    });
    return {
      language,
      sentiment: round3(mean(basis)),
      sentimentStart,
      sentimentEnd,
      uttSentiment,
      keywords: topTerms(terms.map((t) => ({ term: t.term, weight: t.count * t.idf }))),
      topics: this.topics.tag(redactedText.join("\n")),
      piiKinds: [...piiKinds].sort(),
      redactedText,
      compliance,
      flags,
    };
  }
}
