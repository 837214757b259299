/**
 * Everything the tagger needs to know about a token (its ids in the sentiment models, its IDF as
 * a keyword), found with one hash lookup per token. The job tags millions of tokens, and separate
 * lookups in the models', the lexicon's, the stop lists' and the IDF tables cost more than
 * segmenting them did.
 */
import { keywordIdf } from "./keywords";
import type { SentimentScorer } from "./sentiment";

export interface TokenInfo {
  readonly term: string;
  readonly zh: number;
  readonly en: number;
  /** NaN when the token is never a keyword. */
  readonly idf: number;
  /** The record that last counted this token as a keyword, and how often it occurs there. */
  record: number;
  count: number;
}

// Distinct tokens seen; the table starts afresh beyond this so that a long job's memory stays flat.
const MAX_ENTRIES = 200_000;

export class TokenTable {
  private readonly entries = new Map<string, TokenInfo>();
  private record = 0;
  private ids = new Int32Array(256);

  constructor(private readonly sentiment: SentimentScorer) {}

  /** Starts a record: keyword counts of earlier records no longer count. */
  beginRecord(): void {
    this.record++;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }

  /**
   * The tokens' ids in the zh or en model (a reused buffer, valid until the next call), counting
   * them as keywords of the current record: a term's first occurrence appends it to `terms`.
   */
  read(tokens: readonly string[], zh: boolean, terms: TokenInfo[]): Int32Array {
    if (tokens.length > this.ids.length) this.ids = new Int32Array(tokens.length * 2);
    const ids = this.ids;
    for (let i = 0; i < tokens.length; i++) {
      const info = this.info(tokens[i]!);
      ids[i] = zh ? info.zh : info.en;
      if (Number.isNaN(info.idf)) continue;
      if (info.record !== this.record) {
        info.record = this.record;
        info.count = 0;
        terms.push(info);
      }
      info.count++;
    }
    return ids;
  }

  private info(token: string): TokenInfo {
    let info = this.entries.get(token);
    if (info === undefined) {
      info = { term: token, zh: this.sentiment.idOf(token, true), en: this.sentiment.idOf(token, false), idf: keywordIdf(token), record: 0, count: 0 };
      this.entries.set(token, info);
    }
    return info;
  }
}
