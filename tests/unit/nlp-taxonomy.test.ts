import { describe, expect, it } from "vitest";
import { configFromTexts, NlpConfigError, readConfigTexts } from "../../jobs/nlp/config";
import { TopicTagger } from "../../jobs/nlp/taxonomy";
import { PhraseMatcher } from "../../jobs/nlp/text/phrases";

const texts = readConfigTexts();
const config = configFromTexts(texts);
const topics = new TopicTagger(config.taxonomy);

const DEMO_TOPICS = ["login_account", "network_latency", "outage", "ddos_security", "billing_invoice", "storage_expansion", "performance", "refund", "api_sdk", "service_complaint"];

describe("default taxonomy", () => {
  it("has the topic ids the demo data and dashboard use", () => {
    expect(config.taxonomy.topics.map((t) => t.id)).toEqual(DEMO_TOPICS);
  });

  it.each([
    ["我这边有几个子账号突然登录不了，报错，很着急。", "login_account"],
    ["Several of our RAM users suddenly can't sign in.", "login_account"],
    ["我们在华东的服务器延迟特别高，还丢包。", "network_latency"],
    ["Our servers have had very high latency since 9am, with packet loss.", "network_latency"],
    ["我们的IP被黑洞了，是不是被攻击了？", "ddos_security"],
    ["我们的发票抬头开错了，需要重新开一张专票。", "billing_invoice"],
    ["Our invoice has the wrong company name.", "billing_invoice"],
    ["RDS的存储快用满了，能不能不停机扩容？", "storage_expansion"],
    ["Pods in our Kubernetes cluster keep getting OOMKilled.", "performance"],
    ["上周退订的实例，退款到现在还没到账。", "refund"],
    ["We're calling the API with the Java SDK and always get 403.", "api_sdk"],
    ["昨天那个客服态度太差了，我要投诉。", "service_complaint"],
  ])("%s → %s", (text, topic) => {
    expect(topics.tag(text)).toContain(topic);
  });

  it("Latin phrases match whole words only", () => {
    expect(topics.tag("the shipping label was mapped wrong")).not.toContain("network_latency"); // "ping"
    expect(new PhraseMatcher(["hi"]).find("this is which")).toEqual([]);
    expect(new PhraseMatcher(["hi"]).find("Hi, this is Anna")).toEqual(["hi"]);
    expect(new PhraseMatcher(["ping"]).find("ping要300毫秒")).toEqual(["ping"]);
  });

  it("ranks topics by phrase hits", () => {
    expect(topics.tag("账单不对，发票也没开，扣费还多了，另外登录有点慢")[0]).toBe("billing_invoice");
  });
});

describe("editing the taxonomy", () => {
  it("a new topic is tagged, and the tagger version changes", () => {
    const edited = texts.taxonomy + `  - id: gpu_quota\n    phrases:\n      zh: [GPU配额, 显卡]\n      en: [gpu quota]\n`;
    const next = configFromTexts({ ...texts, taxonomy: edited });
    expect(next.version).not.toBe(config.version);
    expect(new TopicTagger(next.taxonomy).tag("显卡驱动装不上")).toEqual(["gpu_quota"]);
    expect(configFromTexts({ ...texts }).version).toBe(config.version);
  });

  it("a bare number phrase in YAML is read as text", () => {
    const next = configFromTexts({ ...texts, taxonomy: "topics:\n  - id: consumer_board\n    phrases:\n      zh: [12315]\n" });
    expect(new TopicTagger(next.taxonomy).tag("我要打12315")).toEqual(["consumer_board"]);
  });

  it.each([
    ["topics: []", /topics/],
    ["topics:\n  - id: Bad-Id\n    phrases: {zh: [a]}\n", /lower_snake_case/],
    ["topics:\n  - id: a\n    phrases: {zh: [x]}\n  - id: a\n    phrases: {zh: [y]}\n", /twice/],
    ["topics: [oops", /YAML/],
  ])("an invalid file is refused with the reason: %s", (text, message) => {
    expect(() => configFromTexts({ ...texts, taxonomy: text })).toThrow(NlpConfigError);
    expect(() => configFromTexts({ ...texts, taxonomy: text })).toThrow(message);
  });

  it("an invalid compliance window is refused", () => {
    const bad = "rules:\n  - id: x\n    kind: required\n    window: {first_seconds: 5, last_seconds: 5}\n    phrases: {en: [hi]}\n";
    expect(() => configFromTexts({ ...texts, compliance: bad })).toThrow(/first_seconds or last_seconds/);
  });
});
