/**
 * Sentiment on one scale, −1 (negative) … 1 (positive), for Chinese and English: the trained
 * classifier's log-odds plus the support lexicon's cues, squashed with tanh.
 */
import { Lexicon, LEXICON_WORDS } from "./sentiment-lexicon";
import { loadSentimentModel, type SentimentModel } from "./sentiment-model";

/** Weight of one lexicon point in log-odds; chosen so a single strong cue (投诉) outweighs chit-chat. */
const LEXICON_WEIGHT = 1.5;

const PRIOR_FEATURES = 3;

// "没有了，就这个" / "No, that's all": a leading no answers the agent's question ("anything
// else?"); the review-trained classifier reads it as a complaint ("没有送水").
const ANSWER_NO = new Set(["没有", "没", "不用", "no", "nope"]);

/** How many leading tokens are an answer particle, left out of the score (0 when none). */
function answerParticleLength(tokens: readonly string[]): number {
  for (let i = 0; i < Math.min(2, tokens.length); i++) {
    if (!ANSWER_NO.has(tokens[i]!)) continue;
    const next = tokens[i + 1];
    if (next === "了") return i + 2;
    if (i === 0 && (tokens[0] === "no" || tokens[0] === "nope")) return 1;
  }
  return 0;
}

export class SentimentScorer {
  private readonly zhLexicon: Lexicon;
  private readonly enLexicon: Lexicon;
  /** Token ids of the text being scored, reused: scoring allocates nothing per utterance. */
  private ids = new Int32Array(256);

  /** The models must give the lexicon's words ids (`loadSentimentModel(…, LEXICON_WORDS)`). */
  constructor(
    private readonly zh: SentimentModel,
    private readonly en: SentimentModel,
    private readonly useLexicon = true,
  ) {
    this.zhLexicon = new Lexicon(zh);
    this.enLexicon = new Lexicon(en);
  }

  static load(modelDir?: string, useLexicon = true): SentimentScorer {
    return new SentimentScorer(loadSentimentModel("zh", modelDir, LEXICON_WORDS), loadSentimentModel("en", modelDir, LEXICON_WORDS), useLexicon);
  }

  /** A token's id in the Chinese or the English model (−1: unknown), for scoreIds. */
  idOf(token: string, zh: boolean): number {
    return (zh ? this.zh : this.en).idOf(token);
  }

  /** Score of one tokenised text; `zh` picks the Chinese model. Texts with no cue at all are 0. */
  score(tokens: readonly string[], zh: boolean): number {
    if (tokens.length > this.ids.length) this.ids = new Int32Array(tokens.length * 2);
    (zh ? this.zh : this.en).fillIds(tokens, this.ids);
    return this.scoreIds(this.ids, tokens, zh);
  }

  /** score() for a text whose ids (idOf, aligned with `tokens`) are known already. */
  scoreIds(ids: Int32Array, tokens: readonly string[], zh: boolean): number {
    const model = zh ? this.zh : this.en;
    const from = answerParticleLength(tokens);
    const to = tokens.length;
    const { logOdds, known } = model.logOdds(ids, from, to);
    // Shrunk by √(features seen + a prior count): a long utterance of review-trained weights
    // should not saturate the scale on its own, and a short one rests on little evidence; the
    // sign (what accuracy measures) stays the same.
    let total = logOdds / Math.sqrt(known + PRIOR_FEATURES);
    if (this.useLexicon) {
      const lex = (zh ? this.zhLexicon : this.enLexicon).score(ids, from, to);
      if (known === 0 && lex.hits === 0) return 0;
      total += LEXICON_WEIGHT * lex.score;
    } else if (known === 0) return 0;
    return Math.tanh(total / model.file.scale);
  }
}
