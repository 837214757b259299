/**
 * The tagger's fast paths (token ids, typed-array tables, character loops) against the plain
 * definitions they replace: same answers on the cases that could trip them up.
 */
import { describe, expect, it } from "vitest";
import { extractKeywords, keywordIdf, topTerms } from "../../jobs/nlp/keywords";
import { sentimentFeatures, NEGATION_WORDS } from "../../jobs/nlp/sentiment-features";
import { LEXICON_WORDS } from "../../jobs/nlp/sentiment-lexicon";
import { loadSentimentModel } from "../../jobs/nlp/sentiment-model";
import { splitLimit, subShards } from "../../jobs/nlp/workers";
import { findPii } from "../../server/text/pii";
import { tsvFloat, tsvLine } from "../../server/clickhouse/tsv";

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

describe("sentiment model over token ids", () => {
  it.each(["zh", "en"] as const)("%s: log-odds equal the sum over sentimentFeatures() looked up by string", (lang) => {
    const model = loadSentimentModel(lang, undefined, LEXICON_WORDS);
    const features = model.file.features;
    const plain = Object.keys(features).filter((f) => !f.startsWith("!") && !f.slice(1).includes("_"));
    const bigrams = Object.keys(features)
      .filter((f) => f.indexOf("_", 1) > 0 && f.indexOf("_", 1) < f.length - 1)
      .slice(0, 500)
      .map((f) => [f.slice(0, f.indexOf("_", 1)), f.slice(f.indexOf("_", 1) + 1)]);
    const pool = [...plain.slice(0, 300), ...NEGATION_WORDS, "未知词xyz", "zzqq", "了"];
    const next = random(lang === "zh" ? 7 : 11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let n = 0; n < 400; n++) {
      // Repeats, negations and known bigrams are what the id path must count exactly like strings.
      const tokens: string[] = [];
      const length = 1 + Math.floor(next() * 30);
      while (tokens.length < length) {
        if (next() < 0.3) tokens.push(...pick(bigrams));
        else tokens.push(pick(pool));
      }
      let sum = 0;
      let known = 0;
      for (const f of sentimentFeatures(tokens)) {
        const w = features[f];
        if (w !== undefined) {
          sum += w;
          known++;
        }
      }
      const ids = new Int32Array(tokens.length);
      model.fillIds(tokens, ids);
      const fast = model.logOdds(ids);
      expect(fast.known).toBe(known);
      expect(fast.logOdds).toBeCloseTo(sum, 9);
    }
  });
});

describe("keywords from the token table", () => {
  it("keywordIdf and topTerms rank like extractKeywords", () => {
    const tokens = ["数据盘", "扩容", "的", "数据盘", "2024", "[phone]", "bucket", "the", "quota", "bucket", "ok", "12.5%", "扩容", "失败"];
    const counts = new Map<string, number>();
    for (const t of tokens) if (!Number.isNaN(keywordIdf(t))) counts.set(t, (counts.get(t) ?? 0) + 1);
    const viaTable = topTerms([...counts].map(([term, c]) => ({ term, weight: c * keywordIdf(term) })));
    expect(viaTable).toEqual(extractKeywords(tokens));
    expect(viaTable).not.toContain("the");
    expect(viaTable).not.toContain("2024");
    expect(viaTable).not.toContain("[phone]");
    expect(viaTable.slice(0, 2)).toEqual(expect.arrayContaining(["数据盘", "bucket"]));
  });

  it("topTerms keeps the best n, ties by first appearance", () => {
    const terms = ["a", "b", "c", "d", "e"].map((term, i) => ({ term, weight: i % 2 ? 2 : 1 }));
    expect(topTerms(terms, 3)).toEqual(["b", "d", "a"]);
    expect(topTerms(terms, 0)).toEqual([]);
  });
});

describe("PII pre-check", () => {
  it("skips texts that cannot hold PII, and still finds every kind", () => {
    expect(findPii("没有数字的一句话，也没有地址")).toEqual([]);
    expect(findPii("order 123456789 shipped")).toEqual([]); // 9 digits: too few for any number kind
    const kinds = (t: string) => findPii(t).map((h) => h.kind);
    expect(kinds("电话13812345678")).toEqual(["mobile"]);
    expect(kinds("mail a.b@example.com")).toEqual(["email"]);
    expect(kinds("寄到浙江省杭州市西湖区文三路90号")).toEqual(["address"]);
    expect(kinds("ship to 12 Baker Street")).toEqual(["address"]);
  });
});

describe("worker sub-shards", () => {
  it.each([
    [{ k: 0, n: 1 }, 2],
    [{ k: 1, n: 3 }, 4],
  ])("W workers inside %j take every id of it exactly once", (shard, workers) => {
    const subs = subShards(shard, workers);
    for (let h = 0; h < 5000; h++) {
      const takers = subs.filter((s) => h % s.n === s.k).length;
      expect(takers).toBe(h % shard.n === shard.k ? 1 : 0);
    }
  });

  it("a limit is shared out exactly", () => {
    expect(splitLimit(10, 3)).toEqual([4, 3, 3]);
    expect(splitLimit(1, 2)).toEqual([1, 0]);
    expect(splitLimit(undefined, 2)).toEqual([undefined, undefined]);
  });
});

describe("TabSeparated floats", () => {
  it("formats floats and float arrays, and refuses what ClickHouse would misread", () => {
    expect(tsvLine(["a", tsvFloat(-0.125), tsvFloat([0.5, -1, 0]), 3])).toBe("a\t-0.125\t[0.5,-1,0]\t3");
    expect(() => tsvFloat(Number.NaN)).toThrow(/finite/);
    expect(() => tsvFloat([1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
  });
});
