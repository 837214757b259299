import { describe, expect, it } from "vitest";
import { SentimentScorer } from "../../jobs/nlp/sentiment";
import { tokenize } from "../../jobs/nlp/text/segment";

const scorer = SentimentScorer.load();
const zh = (t: string) => scorer.score(tokenize(t), true);
const en = (t: string) => scorer.score(tokenize(t), false);

describe("sentiment on one −1…1 scale", () => {
  it.each(["问题解决了，非常感谢，服务很好！", "速度很快，味道不错，很满意", "好的，明白了，谢谢。"])("zh positive: %s", (t) => {
    expect(zh(t)).toBeGreaterThan(0.2);
  });
  it.each(["你们这已经是第三次了，我要投诉！", "太慢了，等了两个小时，非常失望", "业务全挂了，到现在还没解决", "客服态度太差了"])("zh negative: %s", (t) => {
    expect(zh(t)).toBeLessThan(-0.2);
  });
  it.each(["Great, thank you, that fixed it.", "The engineer was really helpful, excellent service."])("en positive: %s", (t) => {
    expect(en(t)).toBeGreaterThan(0.2);
  });
  it.each(["This is the third time I'm calling about this, it's unacceptable.", "I want to file a formal complaint.", "The service was terrible and slow."])("en negative: %s", (t) => {
    expect(en(t)).toBeLessThan(-0.2);
  });

  it("negation flips a cue", () => {
    expect(zh("很满意")).toBeGreaterThan(0);
    expect(zh("很不满意")).toBeLessThan(0);
    expect(en("it was good")).toBeGreaterThan(0);
    expect(en("it was not good")).toBeLessThan(0);
  });

  it("a leading 'no' that answers a question is not a complaint", () => {
    expect(zh("没有了，谢谢。")).toBeGreaterThan(0);
    expect(en("No, that's all, thanks.")).toBeGreaterThan(0);
  });

  it("text with nothing to go on is neutral, and scores stay in range", () => {
    expect(zh("")).toBe(0);
    expect(en("")).toBe(0);
    const long = "非常非常失望，太差了，垃圾，投诉，".repeat(50);
    expect(zh(long)).toBeGreaterThanOrEqual(-1);
    expect(zh(long)).toBeLessThan(-0.9);
  });
});
