/**
 * QA flags, each with a reason and the utterance that is its evidence (already redacted).
 * Sentiment flags look at the customer only: an agent's scripted apology is not the customer's mood.
 */
import type { ComplianceMiss } from "./compliance";
import type { FlagConfig } from "./config";
import { matcherFor, type PhraseMatcher } from "./text/phrases";
import type { Utterance } from "./utterances";

export interface QaFlag {
  flag: string;
  reason: string;
  evidence: string;
  utteranceIndex: number;
}

export interface FlagInput {
  utterances: readonly Utterance[];
  /** Redacted texts, aligned with utterances. */
  redacted: readonly string[];
  sentiments: readonly number[];
  channel: string;
  holdSeconds: number;
  transferCount: number;
  compliance: readonly ComplianceMiss[];
  /** An earlier contact by the same customer inside the window, if any. */
  previousContact: { id: string; at: string } | null;
  /** Texts without speakers (tickets, surveys): every text counts as the customer's. */
  customerOnly?: boolean;
}

const round = (x: number) => Math.round(x * 100) / 100;

export class FlagRaiser {
  private readonly escalation: PhraseMatcher;

  constructor(private readonly config: FlagConfig) {
    this.escalation = matcherFor(config.escalation_phrases);
  }

  raise(input: FlagInput): QaFlag[] {
    const c = this.config;
    const flags: QaFlag[] = [];
    const isCustomer = (i: number) => input.customerOnly || input.utterances[i]?.speaker === "customer";
    const customer = input.utterances.map((_, i) => i).filter(isCustomer);

    const lastCustomer = customer[customer.length - 1];
    if (lastCustomer !== undefined && customer.length >= 1) {
      const end = input.sentiments[lastCustomer]!;
      if (end < c.negative_end_below) {
        flags.push({ flag: "negative_end", reason: `customer's last utterance is negative (${round(end)})`, evidence: input.redacted[lastCustomer]!, utteranceIndex: lastCustomer });
      }
    }

    // The sharpest fall from an earlier customer high to a later low.
    let best: { drop: number; from: number; to: number } | null = null;
    let peak: number | undefined;
    for (const i of customer) {
      const s = input.sentiments[i]!;
      if (peak !== undefined) {
        const drop = input.sentiments[peak]! - s;
        // Only a fall into negative territory is a QA matter, not "great" → "fine".
        if (s < 0 && drop >= c.sharp_drop_at_least && (!best || drop > best.drop)) best = { drop, from: peak, to: i };
      }
      if (peak === undefined || s > input.sentiments[peak]!) peak = i;
    }
    if (best) {
      flags.push({ flag: "sentiment_drop", reason: `customer sentiment fell by ${round(best.drop)} (from ${round(input.sentiments[best.from]!)} to ${round(input.sentiments[best.to]!)})`, evidence: input.redacted[best.to]!, utteranceIndex: best.to });
    }

    for (const i of customer) {
      const found = this.escalation.find(input.utterances[i]!.text);
      if (found.length) flags.push({ flag: "escalation", reason: `escalation phrase "${found[0]}"`, evidence: input.redacted[i]!, utteranceIndex: i });
    }

    for (const miss of input.compliance) {
      flags.push({ flag: `compliance:${miss.rule}`, reason: miss.reason, evidence: miss.evidence, utteranceIndex: miss.utteranceIndex });
    }

    const silenceLimit = (c.long_silence_seconds[input.channel] ?? c.long_silence_seconds.default!) * 1000;
    let longest: { gap: number; i: number } | null = null;
    for (let i = 1; i < input.utterances.length; i++) {
      const prevEnd = input.utterances[i - 1]!.endMs;
      const start = input.utterances[i]!.startMs;
      if (prevEnd === null || start === null) continue;
      const gap = start - prevEnd;
      // The hold is its own flag: a gap as long as the recorded hold is the hold, not silence.
      if (input.holdSeconds > 0 && Math.abs(gap - input.holdSeconds * 1000) <= 2000) continue;
      if (gap >= silenceLimit && (!longest || gap > longest.gap)) longest = { gap, i };
    }
    if (longest) {
      flags.push({ flag: "long_silence", reason: `${Math.round(longest.gap / 1000)} s of silence before this utterance (limit ${silenceLimit / 1000} s)`, evidence: input.redacted[longest.i]!, utteranceIndex: longest.i });
    }
    if (input.holdSeconds >= c.long_hold_seconds) {
      flags.push({ flag: "long_hold", reason: `on hold for ${input.holdSeconds} s (limit ${c.long_hold_seconds} s)`, evidence: "", utteranceIndex: -1 });
    }
    if (input.transferCount >= c.transfers_at_least) {
      flags.push({ flag: "transfers", reason: `transferred ${input.transferCount} times`, evidence: "", utteranceIndex: -1 });
    }
    if (input.previousContact) {
      flags.push({ flag: "repeat_contact", reason: `same customer contacted us within ${c.repeat_contact_days} days before (${input.previousContact.id} at ${input.previousContact.at} UTC)`, evidence: input.previousContact.id, utteranceIndex: -1 });
    }
    return flags;
  }
}
