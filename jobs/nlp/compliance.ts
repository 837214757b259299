/**
 * Compliance rules on a conversation: a required phrase said by the right speaker inside the
 * window, or a forbidden phrase said anywhere in it. Rules for agents are skipped when no agent
 * spoke (a bot-only contact cannot miss a greeting).
 */
import type { ComplianceConfig, ComplianceRule } from "./config";
import { matcherFor, type PhraseMatcher } from "./text/phrases";
import type { Utterance } from "./utterances";

export interface ComplianceMiss {
  rule: string;
  kind: ComplianceRule["kind"];
  reason: string;
  /** The offending utterance for forbidden phrases; −1 when a required phrase was never said. */
  utteranceIndex: number;
  evidence: string;
}

interface CompiledRule {
  rule: ComplianceRule;
  matcher: PhraseMatcher;
}

export class ComplianceChecker {
  private readonly rules: CompiledRule[];

  constructor(config: ComplianceConfig) {
    this.rules = config.rules.map((rule) => ({ rule, matcher: matcherFor(rule.phrases) }));
  }

  check(utterances: readonly Utterance[], channel: string): ComplianceMiss[] {
    const misses: ComplianceMiss[] = [];
    if (utterances.length === 0) return misses;
    const last = Math.max(...utterances.map((u) => u.endMs ?? u.startMs ?? 0));
    const lower = utterances.map((u) => u.text.toLowerCase());
    for (const { rule, matcher } of this.rules) {
      if (rule.channels && !rule.channels.includes(channel)) continue;
      const own = utterances.filter((u) => rule.speaker === "any" || u.speaker === rule.speaker);
      if (own.length === 0) continue;
      // After a bot hand-off the first N seconds count from the bot's last line before the rule's
      // speaker joins: the agent greets when they pick up, not when the chat began.
      const joined = Math.min(...own.map((u) => u.startMs ?? 0));
      const botEnds = utterances.filter((u) => u.speaker === "bot" && rule.speaker !== "bot" && (u.startMs ?? 0) <= joined).map((u) => u.endMs ?? u.startMs ?? 0);
      const first = botEnds.length ? Math.max(...botEnds) : Math.min(...utterances.map((u) => u.startMs ?? 0));
      const inScope = (u: Utterance): boolean => {
        if (rule.speaker !== "any" && u.speaker !== rule.speaker) return false;
        const w = rule.window;
        if (!w || u.startMs === null) return true;
        // An utterance is in the first N seconds when it starts there, in the last N when it ends there.
        if (w.first_seconds !== undefined) return u.startMs - first <= w.first_seconds * 1000;
        if (w.last_seconds !== undefined) return last - (u.endMs ?? u.startMs) <= w.last_seconds * 1000;
        return true;
      };
      const where = rule.window?.first_seconds
        ? ` in the first ${rule.window.first_seconds} s`
        : rule.window?.last_seconds
          ? ` in the last ${rule.window.last_seconds} s`
          : "";
      if (rule.kind === "required") {
        if (!utterances.some((u, i) => inScope(u) && matcher.testLower(lower[i]!))) {
          misses.push({ rule: rule.id, kind: rule.kind, reason: `${rule.description || rule.id}: not said by the ${rule.speaker}${where}`, utteranceIndex: -1, evidence: "" });
        }
      } else {
        utterances.forEach((u, i) => {
          if (!inScope(u)) return;
          const found = matcher.findLower(lower[i]!);
          if (found.length) {
            misses.push({ rule: rule.id, kind: rule.kind, reason: `${rule.description || rule.id}: said "${found[0]}"${where}`, utteranceIndex: i, evidence: u.text });
          }
        });
      }
    }
    return misses;
  }
}
