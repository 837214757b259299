/**
 * Features of a tokenised text for the sentiment classifiers, shared by training and tagging so
 * both see exactly the same thing: unigrams, adjacent bigrams, and unigrams marked as negated
 * when a negation word came shortly before (so "不 好" / "not good" count against "好" / "good").
 */
const NEGATIONS = new Set([
  "不", "没", "没有", "别", "未", "无", "不是", "不能", "不会", "不要", "没法", "无法",
  "not", "no", "never", "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "can't", "cannot", "couldn't", "wouldn't", "aren't", "nor",
]);
export const NEGATION_SPAN = 3;

export function isNegation(token: string): boolean {
  return NEGATIONS.has(token);
}

export const NEGATION_WORDS: readonly string[] = [...NEGATIONS];

/**
 * Calls `visit` once per distinct feature (the classifier is binarised: presence, not count).
 * Short texts are the norm, so duplicates are found by scanning the few seen so far rather than
 * by building a Set per utterance.
 */
export function forEachFeature(tokens: readonly string[], visit: (feature: string) => void): void {
  const small = tokens.length <= 24;
  const seenList: string[] = [];
  const seenSet = new Set<string>();
  const emit = (f: string) => {
    if (small) {
      if (seenList.includes(f)) return;
      seenList.push(f);
    } else {
      if (seenSet.has(f)) return;
      seenSet.add(f);
    }
    visit(f);
  };
  let negatedFor = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    emit(negatedFor > 0 ? `!${t}` : t);
    if (i > 0) emit(`${tokens[i - 1]}_${t}`);
    if (NEGATIONS.has(t)) negatedFor = NEGATION_SPAN;
    else if (negatedFor > 0) negatedFor--;
  }
}

export function sentimentFeatures(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  forEachFeature(tokens, (f) => out.add(f));
  return out;
}
