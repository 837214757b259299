/**
 * Keywords by TF-IDF: term frequency in the record times the term's inverse document frequency,
 * from jieba's IDF table for Chinese words; Latin words not in the table get a default IDF and go
 * through an English stop-word list.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

let idf: Map<string, number> | undefined;
let medianIdf = 10;

function idfTable(): Map<string, number> {
  if (idf) return idf;
  const text = readFileSync(require.resolve("@node-rs/jieba/idf.txt"), "utf8");
  idf = new Map();
  const values: number[] = [];
  for (const line of text.split("\n")) {
    const space = line.lastIndexOf(" ");
    if (space <= 0) continue;
    const v = Number(line.slice(space + 1));
    if (!Number.isFinite(v)) continue;
    idf.set(line.slice(0, space), v);
    values.push(v);
  }
  values.sort((a, b) => a - b);
  medianIdf = values[Math.floor(values.length / 2)] ?? 10;
  return idf;
}

const STOP = new Set(
  (
    "the a an and or but if then so to of in on at for with from by as is are was were be been being it its this that these those " +
    "i me my we our us you your he she they them their his her what which who whom how when where why can could would should will " +
    "do does did done have has had not no yes just also very really please thanks thank hi hello ok okay there here about into " +
    "than too any all some more most other such only own same again further once let may might must shall get got let's i'm it's " +
    "we're you're that's don't can't didn't isn't haven't i've i'll we'll you'll one two now still already well sure right " +
    // the support script: said on every call, so never what a call is about
    "help today welcome cloud support chat live calling speaking anything else great day goodbye moment hold verified account"
  ).split(" "),
);
const ZH_STOP = new Set(
  "我们 你们 他们 这个 那个 一下 一个 什么 怎么 可以 已经 还是 就是 还有 没有 现在 这边 那边 请问 您好 你好 谢谢 好的 感谢 麻烦 问题 这样 一直 然后 因为 所以 如果 但是 不过 而且 或者 一些 这些 那些 帮您 为您 您的 我的 客服 服务 工号 手机号 注册 核实 身份 稍等 请问 您好 账号id 身份证号 邮箱 银行卡 卡号".split(" "),
);

/** Not a number, not a mask, not a stop word, and long enough (3 letters for Latin, 2 for Chinese). */
function eligible(token: string): boolean {
  if (token.charCodeAt(0) === 0x5b /* [ */) return false;
  // One pass over the characters instead of two regular expressions per token (the tagging job
  // calls this for every token of every record): all [0-9.%_-] is a number, all [a-z0-9'._-] Latin.
  let numeric = true;
  let latin = true;
  for (let i = 0; i < token.length && (numeric || latin); i++) {
    const c = token.charCodeAt(i);
    const digitOrJoiner = (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x5f || c === 0x2d;
    if (!digitOrJoiner && c !== 0x25) numeric = false;
    if (!digitOrJoiner && !(c >= 0x61 && c <= 0x7a) && c !== 0x27) latin = false;
  }
  if (numeric) return false;
  if (latin) return token.length >= 3 && !STOP.has(token);
  return token.length >= 2 && !ZH_STOP.has(token);
}

/** The IDF a token weighs with as a keyword, or NaN when it never is one (numbers, masks, stop words). */
export function keywordIdf(token: string): number {
  return eligible(token) ? (idfTable().get(token) ?? medianIdf) : NaN;
}

interface Ranked {
  term: string;
  weight: number;
  order: number;
}

const before = (a: Ranked, b: Ranked) => a.weight > b.weight || (a.weight === b.weight && a.order < b.order);

/** The `top` heaviest terms, best first; `terms` come in order of first appearance, which breaks ties. */
export function topTerms(terms: Iterable<{ term: string; weight: number }>, top = 8): string[] {
  if (top <= 0) return [];
  // The best `top` by insertion into a short sorted list: records have hundreds of terms.
  const best: Ranked[] = [];
  let order = 0;
  for (const { term, weight } of terms) {
    const r = { term, weight, order: order++ };
    if (best.length === top && !before(r, best[top - 1]!)) continue;
    let at = best.length;
    while (at > 0 && before(r, best[at - 1]!)) at--;
    best.splice(at, 0, r);
    if (best.length > top) best.pop();
  }
  return best.map((k) => k.term);
}

/** The `top` highest TF-IDF terms of the tokens, best first (ties by first appearance). */
export function extractKeywords(tokens: readonly string[], top = 8): string[] {
  const tf = new Map<string, number>();
  for (const t of tokens) if (eligible(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
  return topTerms(
    [...tf].map(([term, count]) => ({ term, weight: count * keywordIdf(term) })),
    top,
  );
}
