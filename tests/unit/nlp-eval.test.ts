import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runEvalCommand } from "../../jobs/nlp/eval/command";
import { parseCsv } from "../../jobs/nlp/eval/csv";
import { classificationReport, spearman } from "../../jobs/nlp/eval/metrics";
import { normaliseLabels } from "../../jobs/nlp/eval/sentiment-eval";

describe("metrics", () => {
  it("accuracy and macro-F1 by hand", () => {
    // gold: a a a b ; predicted: a a b b → acc 0.75; F1(a)=0.8, F1(b)=0.667
    const r = classificationReport(["a", "a", "a", "b"], ["a", "a", "b", "b"]);
    expect(r.accuracy).toBe(0.75);
    expect(r.macro_f1).toBeCloseTo((0.8 + 2 / 3) / 2, 10);
  });

  it("Spearman: monotone = 1, reversed = −1, ties get mean ranks", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 10);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 10);
    expect(spearman([1, 1, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9486832980505138, 10);
  });

  it("labels: 0/1 binary, words or −1/0/1 three-class", () => {
    expect(normaliseLabels(["0", "1"])).toEqual({ scheme: "binary", labels: [0, 2] });
    expect(normaliseLabels(["negative", "neutral", "Positive"])).toEqual({ scheme: "three", labels: [0, 1, 2] });
    expect(normaliseLabels(["-1", "0", "1"])).toEqual({ scheme: "three", labels: [0, 1, 2] });
    expect(() => normaliseLabels(["maybe"])).toThrow(/unknown sentiment label/);
  });
});

describe("CSV", () => {
  it("reads quoted fields with commas, quotes, line breaks and a BOM", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""",2\n"multi\nline",3\n')).toEqual([["a", "b"], ['x, "y"', "2"], ["multi\nline", "3"]]);
  });
});

describe("eval-nlp on any labelled CSV", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nlp-eval-"));

  async function run(argv: string[]) {
    const lines: string[] = [];
    const code = await runEvalCommand(argv, (l) => lines.push(l));
    return { code, lines };
  }

  it("prints accuracy and macro-F1 and ends with one JSON object", async () => {
    const file = path.join(dir, "zh.csv");
    writeFileSync(file, "评论,标签\n服务很好，问题很快解决了，谢谢,1\n太差了，等了三天没人管，我要投诉,0\n非常满意,1\n垃圾，再也不用了,0\n");
    const { code, lines } = await run(["--task", "sentiment", "--lang", "zh", "--file", file, "--text-col", "评论", "--label-col", "标签"]);
    expect(code).toBe(0);
    const last = JSON.parse(lines[lines.length - 1]!) as { accuracy: number; macro_f1: number; n: number };
    expect(Object.keys(last)).toEqual(["accuracy", "macro_f1", "n"]);
    expect(last.n).toBe(4);
    expect(last.accuracy).toBe(1);
  });

  it("three-class labels (negative/neutral/positive) in English", async () => {
    const file = path.join(dir, "en.csv");
    writeFileSync(file, "text,label\nGreat support thank you,positive\nThis is unacceptable I want a manager,negative\n,neutral\n");
    const { code, lines } = await run(["--task=sentiment", "--lang=en", `--file=${file}`, "--text-col=text", "--label-col=label"]);
    expect(code).toBe(0);
    expect((JSON.parse(lines[lines.length - 1]!) as { n: number }).n).toBe(2);
  });

  it("refuses bad arguments with a usage line", async () => {
    expect((await run(["--task", "sentiment", "--lang", "fr", "--file", "x", "--text-col", "a", "--label-col", "b"])).code).toBe(2);
    const missing = await run(["--task", "sentiment", "--lang", "zh", "--file", path.join(dir, "zh.csv"), "--text-col", "nope", "--label-col", "标签"]);
    expect(missing.code).toBe(2);
    expect(missing.lines[0]).toMatch(/column "nope" is not in the header/);
  });
});
