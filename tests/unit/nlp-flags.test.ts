import { describe, expect, it } from "vitest";
import { loadConfig } from "../../jobs/nlp/config";
import { FlagRaiser, type FlagInput } from "../../jobs/nlp/flags";
import { Tagger } from "../../jobs/nlp/tagger";
import { EN_GOOD, utts, ZH_GOOD, type Line } from "../fixtures/nlp/transcripts";

const config = loadConfig();
const tagger = new Tagger(config);
const raiser = new FlagRaiser(config.flags);

function tagCall(lines: Line[], over: Partial<{ channel: string; holdSeconds: number; transferCount: number; previousContact: { id: string; at: string } | null }> = {}) {
  return tagger.tag({ kind: "conversation", id: "c", utterances: utts(lines), channel: "phone", holdSeconds: 0, transferCount: 0, previousContact: null, ...over });
}
const flagNames = (lines: Line[], over = {}) => tagCall(lines, over).flags.map((f) => f.flag);

function base(over: Partial<FlagInput>): FlagInput {
  const u = over.utterances ?? [];
  return { utterances: u, redacted: u.map((x) => x.text), sentiments: u.map(() => 0), channel: "phone", holdSeconds: 0, transferCount: 0, compliance: [], previousContact: null, ...over };
}

describe.each([
  ["zh", ZH_GOOD, "你们这已经是第三次了，我要投诉！", "再解决不了我就打12315投诉你们！", "这个问题到现在还没解决，太让人失望了，非常生气。"],
  ["en", EN_GOOD, "I want to speak to a manager.", "If this isn't fixed today we will cancel my account.", "This is terrible, it still doesn't work and I'm really frustrated."],
])("QA flags (%s)", (_lang, good, escalation1, escalation2, angry) => {
  it("a good call raises no flag", () => {
    expect(flagNames(good)).toEqual([]);
  });

  it("escalation phrases by the customer are flagged with the utterance as evidence", () => {
    const lines: Line[] = [...good.slice(0, 2), ["customer", 12, 14, escalation1], ...good.slice(2)];
    const flags = tagCall(lines).flags.filter((f) => f.flag === "escalation");
    expect(flags).toHaveLength(1);
    expect(flags[0]!.evidence).toBe(escalation1);
    expect(flags[0]!.utteranceIndex).toBe(2);
    const two: Line[] = [...good.slice(0, 2), ["customer", 12, 14, escalation2], ...good.slice(2)];
    expect(flagNames(two)).toContain("escalation");
  });

  it("escalation words said by the agent are not the customer escalating", () => {
    const lines: Line[] = [...good.slice(0, 2), ["agent", 12, 14, escalation1], ...good.slice(2)];
    expect(flagNames(lines)).not.toContain("escalation");
  });

  it("negative sentiment at the end, and a sharp drop, are flagged", () => {
    const lines: Line[] = [...good.slice(0, 6), ["customer", 105, 110, angry]];
    const flags = tagCall(lines).flags;
    const end = flags.find((f) => f.flag === "negative_end");
    expect(end?.evidence).toBe(angry);
    expect(flags.map((f) => f.flag)).toContain("sentiment_drop");
  });

  it("long silence on a call, but not the recorded hold", () => {
    const silent: Line[] = good.map((l, i): Line => (i >= 4 ? [l[0], l[1] + 50, l[2] + 50, l[3]] : l));
    const flags = tagCall(silent).flags;
    expect(flags.find((f) => f.flag === "long_silence")?.utteranceIndex).toBe(4);
    expect(flagNames(silent, { holdSeconds: 51 })).not.toContain("long_silence");
  });

  it("long hold, two transfers and a repeat contact", () => {
    const names = flagNames(good, { holdSeconds: 200, transferCount: 2, previousContact: { id: "CV1", at: "2025-03-01 08:00:00" } });
    expect(names).toEqual(expect.arrayContaining(["long_hold", "transfers", "repeat_contact"]));
    expect(flagNames(good, { holdSeconds: 60, transferCount: 1 })).toEqual([]);
  });

  it("compliance misses become flags", () => {
    expect(flagNames(good.slice(1))).toContain("compliance:greeting");
  });
});

describe("flag rules on their own", () => {
  it("a drop is the largest fall from an earlier high into negative territory", () => {
    const u = utts([["customer", 0, 1, "a"], ["customer", 2, 3, "b"], ["customer", 4, 5, "c"], ["customer", 6, 7, "d"]]);
    const flags = raiser.raise(base({ utterances: u, sentiments: [0.8, 0.5, -0.6, 0.2] }));
    const drop = flags.find((f) => f.flag === "sentiment_drop");
    expect(drop?.utteranceIndex).toBe(2);
    expect(raiser.raise(base({ utterances: u, sentiments: [0.9, 0.1, 0.05, 0.2] })).map((f) => f.flag)).not.toContain("sentiment_drop");
  });

  it("chats have a longer silence limit than calls", () => {
    const u = utts([["agent", 0, 1, "hi"], ["customer", 100, 101, "hello"]]);
    expect(raiser.raise(base({ utterances: u, channel: "phone" })).map((f) => f.flag)).toContain("long_silence");
    expect(raiser.raise(base({ utterances: u, channel: "chat" })).map((f) => f.flag)).not.toContain("long_silence");
  });
});
