import { describe, expect, it } from "vitest";
import { ComplianceChecker } from "../../jobs/nlp/compliance";
import { loadConfig, type ComplianceConfig } from "../../jobs/nlp/config";
import { EN_GOOD, utts, ZH_GOOD, type Line } from "../fixtures/nlp/transcripts";

const checker = new ComplianceChecker(loadConfig().compliance);
const rules = (lines: Line[], channel = "phone") => checker.check(utts(lines), channel).map((m) => m.rule);

/** Shifts every line after the first `from` lines by `seconds`. */
function delay(lines: Line[], from: number, seconds: number): Line[] {
  return lines.map((l, i) => (i >= from ? [l[0], l[1] + seconds, l[2] + seconds, l[3]] : l));
}

describe.each([
  ["zh", ZH_GOOD],
  ["en", EN_GOOD],
])("compliance rules (%s)", (_lang, good) => {
  it("a scripted call misses nothing", () => {
    expect(rules(good)).toEqual([]);
  });

  it("greeting: missing, or said after the first 30 seconds, is a miss", () => {
    expect(rules(good.slice(1))).toContain("greeting");
    const late: Line[] = [good[1]!, [good[0]![0], 40, 44, good[0]![3]], ...good.slice(2).map((l): Line => [l[0], l[1] + 45, l[2] + 45, l[3]])];
    expect(rules(late)).toContain("greeting");
  });

  it("greeting: the window starts when the agent joins (after a bot hand-off)", () => {
    const botFirst: Line[] = [
      ["bot", 0, 3, "Hi, I'm the virtual assistant."],
      ["customer", 4, 8, good[1]![3]],
      ["bot", 50, 52, "Connecting you to an agent, please wait."],
      ...delay(good, 0, 60),
    ];
    expect(rules(botFirst)).not.toContain("greeting");
  });

  it("identity verification: a miss on a call, not checked on chats (rule limited to phone)", () => {
    const noId = good.filter((_, i) => i !== 2 && i !== 3).map((l, i): Line => (i === 2 ? [l[0], l[1], l[2], good === ZH_GOOD ? "账号被临时锁定了，我这边已经帮您提交解锁。" : "I've reissued the invoice with the right name."] : l));
    expect(rules(noId, "phone")).toContain("identity_verification");
    expect(rules(noId, "chat")).not.toContain("identity_verification");
  });

  it("closing: only counts in the last 60 seconds", () => {
    expect(rules(good.slice(0, -3))).toContain("closing");
    // The closing lines are said, then 90 s of further talk follow.
    const early = [...good, ["customer", 120, 200, good[1]![3]] as Line];
    expect(rules(early)).toContain("closing");
  });

  it("forbidden phrases: a miss when the agent says one, with the utterance as evidence; not when the customer does", () => {
    const rude = good === ZH_GOOD ? "这不归我们管。" : "That's not my problem.";
    const byAgent: Line[] = [...good.slice(0, 5), ["agent", 100, 101, rude], ...delay(good.slice(5), 0, 3)];
    const misses = checker.check(utts(byAgent), "phone");
    const miss = misses.find((m) => m.rule === "forbidden_phrases");
    expect(miss?.utteranceIndex).toBe(5);
    expect(miss?.evidence).toBe(rude);
    const byCustomer: Line[] = [...good.slice(0, 5), ["customer", 100, 101, rude], ...delay(good.slice(5), 0, 3)];
    expect(rules(byCustomer)).not.toContain("forbidden_phrases");
  });
});

describe("rule scope options", () => {
  const config: ComplianceConfig = {
    rules: [
      { id: "customer_thanks_at_end", kind: "required", description: "", speaker: "customer", window: { last_seconds: 10 }, phrases: { zh: ["谢谢"], en: ["thanks", "thank you"] } },
      { id: "no_swearing_early", kind: "forbidden", description: "", speaker: "any", window: { first_seconds: 20 }, phrases: { zh: ["靠"], en: ["damn"] } },
    ],
  };
  const custom = new ComplianceChecker(config);

  it("a rule can be limited to the customer and the last N seconds", () => {
    expect(custom.check(utts(EN_GOOD), "phone").map((m) => m.rule)).toEqual([]);
    expect(custom.check(utts(EN_GOOD.slice(0, 6)), "phone").map((m) => m.rule)).toEqual([]);
    expect(custom.check(utts(EN_GOOD.slice(0, 5)), "phone").map((m) => m.rule)).toEqual(["customer_thanks_at_end"]);
  });

  it("a forbidden phrase outside its first-N-seconds window is not a miss", () => {
    const early: Line[] = [["customer", 0, 3, "damn, it is down again"], ["agent", 4, 6, "Hello"]];
    const late: Line[] = [["agent", 0, 3, "Hello"], ["customer", 30, 33, "damn, it is down again"]];
    expect(custom.check(utts(early), "phone").map((m) => m.rule)).toContain("no_swearing_early");
    expect(custom.check(utts(late), "phone").map((m) => m.rule)).not.toContain("no_swearing_early");
  });

  it("agent rules are skipped when no agent spoke (bot-only contact)", () => {
    const bot: Line[] = [["bot", 0, 2, "您好，我是智能客服小云"], ["customer", 3, 5, "发票怎么开"], ["bot", 6, 8, "请在控制台费用中心申请"]];
    expect(checker.check(utts(bot), "chat")).toEqual([]);
  });
});
