/**
 * Readers for the public labelled data in ../shared/data (never copied into the repository).
 * Each returns null when its file is absent, so callers can skip with a message.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { csvRecords } from "./csv";

export const SHARED_DATA_DIR = path.resolve(process.env.SI_SHARED_DATA ?? "../shared/data");

export interface Labelled {
  text: string;
  /** 1 positive, 0 negative (binary sets); 0/1/2 for negative/neutral/positive elsewhere. */
  label: number;
  source: string;
}

function readMaybeGz(file: string): string | null {
  if (!existsSync(file)) return null;
  const buf = readFileSync(file);
  return (file.endsWith(".gz") ? gunzipSync(buf) : buf).toString("utf8");
}

export function sharedFile(...parts: string[]): string {
  return path.join(SHARED_DATA_DIR, ...parts);
}

export function loadWaimai(): Labelled[] | null {
  const text = readMaybeGz(sharedFile("sentiment-zh", "waimai_10k.csv"));
  if (text === null) return null;
  return csvRecords(text).records
    .filter((r) => r.review?.trim() && (r.label === "0" || r.label === "1"))
    .map((r) => ({ text: r.review!.trim(), label: Number(r.label), source: "waimai_10k" }));
}

export function loadOnlineShopping(): Labelled[] | null {
  const text = readMaybeGz(sharedFile("sentiment-zh", "online_shopping_10_cats.csv.gz"));
  if (text === null) return null;
  return csvRecords(text).records
    .filter((r) => r.review?.trim() && (r.label === "0" || r.label === "1"))
    .map((r) => ({ text: r.review!.replace(/^\uFEFF/, "").trim(), label: Number(r.label), source: "online_shopping" }));
}

/** UCI "sentiment labelled sentences": `sentence<TAB>label`, lines ended by CR, LF or both. */
export function loadUci(): Labelled[] | null {
  const out: Labelled[] = [];
  for (const name of ["amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"]) {
    const text = readMaybeGz(sharedFile("sentiment-en", name));
    if (text === null) return null;
    for (const line of text.split(/\r\n|\r|\n/)) {
      const m = /^(.*)\t\s*([01])\s*$/.exec(line);
      if (!m) continue;
      const sentence = m[1]!.replace(/^"(.*)"$/, "$1").replace(/""/g, '"').trim();
      if (sentence && sentence !== "#NAME?") out.push({ text: sentence, label: Number(m[2]), source: name.replace("_labelled.txt", "") });
    }
  }
  return out;
}

export interface IntentExample {
  text: string;
  intent: string;
  category: string;
}

export function loadBitext(): IntentExample[] | null {
  const text = readMaybeGz(sharedFile("intents-en", "Bitext_Sample_Customer_Support_Training_Dataset_337b968.csv.gz"));
  if (text === null) return null;
  return csvRecords(text).records
    .filter((r) => r.instruction?.trim() && r.intent)
    .map((r) => ({ text: r.instruction!.trim(), intent: r.intent!, category: r.category ?? "" }));
}

export interface Stc3Dialogue {
  id: string;
  turns: { sender: string; utterances: string[] }[];
  /** Mean of the annotators' quality.S (−2…2). */
  satisfaction: number;
}

export function loadStc3(lang: "cn" | "en"): Stc3Dialogue[] | null {
  const text = readMaybeGz(sharedFile("dialogues-stc3", `stc3_${lang}_dev.json.gz`));
  if (text === null) return null;
  const raw = JSON.parse(text) as {
    id: string;
    turns: { sender: string; utterances: string[] }[];
    annotations: { quality: { S: number } }[];
  }[];
  return raw.map((d) => ({
    id: d.id,
    turns: d.turns,
    satisfaction: d.annotations.reduce((s, a) => s + a.quality.S, 0) / Math.max(1, d.annotations.length),
  }));
}
