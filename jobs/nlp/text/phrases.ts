/**
 * Case-insensitive phrase matching on raw text. Phrases that start or end with a Latin letter or
 * digit only match at word boundaries there ("ping" must not match "shipping", "hi" not "this");
 * Chinese phrases match anywhere.
 */
const ASCII_WORD = /[a-z0-9]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function pattern(phrase: string): string {
  const p = phrase.toLowerCase().trim();
  const start = ASCII_WORD.test(p[0] ?? "") ? "(?<![a-z0-9])" : "";
  const end = ASCII_WORD.test(p[p.length - 1] ?? "") ? "(?![a-z0-9])" : "";
  return start + escapeRegExp(p) + end;
}

export class PhraseMatcher {
  private readonly re: RegExp | null;

  constructor(readonly phrases: readonly string[]) {
    const parts = [...new Set(phrases.map((p) => p.trim()).filter(Boolean))]
      // Longest first, so an alternation prefers "cancel my account" over "cancel".
      .sort((a, b) => b.length - a.length)
      .map(pattern);
    this.re = parts.length ? new RegExp(parts.join("|"), "g") : null;
  }

  /** The phrases found in `text` (lower-cased), in order, overlapping matches not counted twice. */
  find(text: string): string[] {
    return this.findLower(text.toLowerCase());
  }

  test(text: string): boolean {
    return this.testLower(text.toLowerCase());
  }

  /** find() on text already lower-cased (callers matching several phrase lists lower it once). */
  findLower(lower: string): string[] {
    if (!this.re) return [];
    return lower.match(this.re) ?? [];
  }

  testLower(lower: string): boolean {
    if (!this.re) return false;
    this.re.lastIndex = 0;
    const hit = this.re.test(lower);
    this.re.lastIndex = 0;
    return hit;
  }
}

/** Both languages' phrases of a config entry: customers mix them, so both are always tried. */
export function matcherFor(phrases: { zh: readonly string[]; en: readonly string[] }): PhraseMatcher {
  return new PhraseMatcher([...phrases.zh, ...phrases.en]);
}
