/**
 * Language of a record. Han characters decide Chinese outright (cheap and certain); other text is
 * given to nlp.js's trigram language guesser, limited to languages a support centre sees.
 */
import { createRequire } from "node:module";
import type { Language } from "node-nlp";

// Loaded on first use: node-nlp takes most of a second to import, and most records (Chinese, or
// plainly English) never need its guesser; every job and worker thread would pay it at start.
const require = createRequire(import.meta.url);

const LETTER = /^\p{L}$/u;
const CANDIDATES = ["en", "fr", "de", "es", "it", "pt", "nl", "id", "ms"];

const EN_COMMON = new Set(
  ("the a an and or but to of in on at for with from by between into about is are was were be been it its this that these i you we they my our your " +
    "can could would should will have has had do does did not no yes what how when why please thanks thank there here me us some all keep still after").split(" "),
);
const OTHER_COMMON = new Set(
  ("le la les des du et est une un pas pour que qui dans sur avec ne plus ce notre nous vous " +
    "der die das und ist nicht ein eine mit für auf den dem zu wir sie " +
    "el los las es y en por para con una que no del se nuestro").split(" "),
);

let guesser: Language | undefined;

export type Lang = string;

// Whether each BMP character is a letter, asked of the regular expression once per character:
// counting in one loop costs less than the match arrays of /\p{L}/g (this runs on every record).
const letterMemo = new Uint8Array(0x10000);
function isLetter(codePoint: number): boolean {
  if (codePoint < 0x80) return (codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a;
  if (codePoint > 0xffff) return LETTER.test(String.fromCodePoint(codePoint));
  if (letterMemo[codePoint] === 0) letterMemo[codePoint] = LETTER.test(String.fromCharCode(codePoint)) ? 1 : 2;
  return letterMemo[codePoint] === 1;
}

/** Letters, Han characters and runs of Latin letters in the text. */
function letterCounts(sample: string): { letters: number; han: number; latinWords: number } {
  let letters = 0;
  let han = 0;
  let latinWords = 0;
  let inLatin = false;
  for (let i = 0; i < sample.length; i++) {
    const cp = sample.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const letter = isLetter(cp);
    const latin = letter && cp < 0x80;
    if (latin && !inLatin) latinWords++;
    inLatin = latin;
    if (cp >= 0x3400 && cp <= 0x9fff) han++;
    if (letter) letters++;
  }
  return { letters, han, latinWords };
}

export function detectLanguage(text: string): Lang {
  const sample = text.slice(0, 400);
  const { letters, han, latinWords } = letterCounts(sample);
  if (letters === 0) return "und";
  // Chinese support talk is full of Latin identifiers (ECS, InvalidAccessKeyId.NotFound): compare
  // Han characters with Latin words, not letters, and let a modest share of Han decide.
  if (han > 0 && han / (han + latinWords) >= 0.3) return "zh";
  if (letters < 12) return "en";
  // Unmistakable English (more of its function words than of French, German or Spanish ones)
  // skips the trigram guesser, which costs more than the rest of a record's tagging and takes
  // short technical English ("Packet loss between instances in the same VPC") for French.
  const words = sample.toLowerCase().match(/[a-zà-ÿ']+/g) ?? [];
  let en = 0;
  let other = 0;
  for (const w of words) {
    if (EN_COMMON.has(w)) en++;
    else if (OTHER_COMMON.has(w)) other++;
  }
  if (en >= 2 && en > 2 * other) return "en";
  // Too short for trigrams to be trusted, and nothing points away from English.
  if (other === 0 && letters < 60) return "en";
  guesser ??= new (require("node-nlp") as typeof import("node-nlp")).Language();
  return guesser.guessBest(sample, CANDIDATES).alpha2 ?? "en";
}
