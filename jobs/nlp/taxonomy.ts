/** Hotspot topics: each topic of the taxonomy whose phrases occur often enough in the text. */
import type { Taxonomy } from "./config";
import { matcherFor, type PhraseMatcher } from "./text/phrases";

export class TopicTagger {
  private readonly topics: { id: string; matcher: PhraseMatcher; minHits: number }[];

  constructor(taxonomy: Taxonomy) {
    this.topics = taxonomy.topics.map((t) => ({ id: t.id, matcher: matcherFor(t.phrases), minHits: t.min_hits }));
  }

  /** Topic ids, most phrase hits first (taxonomy order breaks ties). */
  tag(text: string): string[] {
    const lower = text.toLowerCase();
    const hits: { id: string; n: number; order: number }[] = [];
    this.topics.forEach((t, order) => {
      const n = t.matcher.find(lower).length;
      if (n >= t.minHits) hits.push({ id: t.id, n, order });
    });
    return hits.sort((a, b) => b.n - a.n || a.order - b.order).map((h) => h.id);
  }
}
