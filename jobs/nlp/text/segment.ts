/**
 * Word segmentation. Chinese goes through jieba (a real dictionary segmenter, not characters);
 * Latin text is split on letters and digits. Tokens are lower-cased and punctuation is dropped.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";

/** Cloud-support words jieba's general dictionary splits (数据盘 → 数据 / 盘); users add their own. */
export const USER_DICT = path.resolve("config", "user-dict.txt");

let jieba: Jieba | undefined;
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    if (existsSync(USER_DICT)) jieba.loadDict(readFileSync(USER_DICT));
  }
  return jieba;
}

const HAN = /[\u3400-\u9fff]/;
const WORD_START = /[\p{L}\p{N}]/u;
const HAS_UPPER = /[A-Z]/;
const LATIN_WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Tokens of one text. HMM is off: it finds a few more unknown words but costs a third of the
 * throughput, and the dictionary covers support vocabulary well enough.
 */
export function tokenize(text: string): string[] {
  if (!hasHan(text)) return text.toLowerCase().match(LATIN_WORD) ?? [];
  const out: string[] = [];
  for (const raw of segmenter().cut(text, false)) {
    const token = keep(raw);
    if (token !== null) out.push(token);
  }
  return out;
}

/** A segmenter token as we keep it (lower-cased), or null for spaces and punctuation. */
function keep(raw: string): string | null {
  const c = raw.charCodeAt(0);
  // Han characters are by far the most common tokens: no further checks needed.
  if (c >= 0x3400 && c <= 0x9fff) return raw;
  if (c <= 0x20) return null;
  // ASCII by character codes, the rest by the regular expression (English is half the tokens).
  if (c < 0x80) {
    const lower = c | 0x20;
    if (!((lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39))) return null;
  } else if (!WORD_START.test(raw[0]!)) return null;
  return HAS_UPPER.test(raw) ? raw.toLowerCase() : raw;
}

/**
 * Tokens of several texts with one call into the segmenter per record (the per-call cost of the
 * native boundary matters at tens of thousands of records per second). Texts are joined with a
 * newline, which jieba always returns as a token of its own.
 */
export function tokenizeMany(texts: readonly string[]): string[][] {
  if (texts.length === 0) return [];
  if (!texts.some(hasHan)) return texts.map(tokenize);
  const out: string[][] = [[]];
  const joined = texts.map((t) => (t.includes("\n") ? t.replace(/\n/g, " ") : t)).join("\n");
  for (const raw of segmenter().cut(joined, false)) {
    if (raw === "\n") {
      out.push([]);
      continue;
    }
    const token = keep(raw);
    if (token !== null) out[out.length - 1]!.push(token);
  }
  return out;
}
