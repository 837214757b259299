import { describe, expect, it } from "vitest";
import { extractKeywords } from "../../jobs/nlp/keywords";
import { detectLanguage } from "../../jobs/nlp/text/language";
import { tokenize, tokenizeMany } from "../../jobs/nlp/text/segment";

describe("segmentation", () => {
  it("segments Chinese into words, not characters", () => {
    const tokens = tokenize("我们的主账号登录控制台一直提示密码错误");
    expect(tokens).toEqual(expect.arrayContaining(["主账号", "登录", "控制台", "密码", "错误"]));
    expect(tokenize("数据盘扩容")).toEqual(["数据盘", "扩容"]);
    expect(tokens.length).toBeLessThan(14);
  });

  it("drops punctuation, lower-cases Latin words inside Chinese", () => {
    expect(tokenize("RDS主库连不上了！")).toEqual(expect.arrayContaining(["rds", "主库"]));
    expect(tokenize("RDS主库连不上了！")).not.toContain("！");
  });

  it("tokenizeMany keeps one token list per text, aligned", () => {
    const texts = ["您好，请问有什么可以帮您？", "Hi there", "", "退款\n到账了吗"];
    const many = tokenizeMany(texts);
    expect(many).toHaveLength(4);
    texts.forEach((t, i) => expect(many[i]).toEqual(tokenize(t.replace(/\n/g, " "))));
  });
});

describe("language", () => {
  it.each([
    ["我们的ECS实例连不上了，SSH也不行", "zh"],
    ["Our ECS instance doesn't respond and SSH fails", "en"],
    ["Bonjour, notre serveur ne répond plus depuis ce matin et le site est inaccessible", "fr"],
    ["12345", "und"],
    ["调用 ModifyInstanceSpec 接口返回 InvalidAccessKeyId.NotFound，使用 Terraform provider 1.220.0 调用一直返回错误", "zh"],
    ["Our 主账号 (root account) cannot sign in to the console since this morning", "en"],
    // Short technical English that trigram guessers take for French.
    ["Cloud disk hitting its IOPS limit", "en"],
    ["Packet loss (45%) between instances in the same VPC; database connections keep dropping.", "en"],
    ["Hallo, unser Server ist nicht erreichbar und die Datenbank antwortet nicht", "de"],
  ])("%s → %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe("keywords", () => {
  it("ranks informative words over function words", () => {
    const kw = extractKeywords(tokenize("数据盘扩容以后系统里看还是原来的大小，数据盘的分区没有扩展，扩容失败"));
    expect(kw.slice(0, 3)).toEqual(expect.arrayContaining(["数据盘", "扩容"]));
    expect(kw).not.toContain("的");
    const en = extractKeywords(tokenize("The OSS bucket is nearly full and uploads fail, the bucket quota is too small"));
    expect(en[0]).toBe("bucket");
    expect(en).not.toContain("the");
  });
});
