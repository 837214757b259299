/**
 * A small hand-written lexicon for what the review-trained classifiers have never seen: the
 * language of support calls (投诉, 12315, "speak to a manager", "it works now"). Negation words
 * flip a cue and degree words scale it, within a short span before it.
 */

const CUE_LIST: Record<string, number> = {
  // zh negative
  投诉: -2, 主管: -1, 12315: -2, 着急: -1, 失望: -2, 生气: -2, 垃圾: -2, 离谱: -2, 差: -1.5, 太差: -2,
  不行: -1.5, 报错: -1, 失败: -1, 挂: -1, 全挂: -2, 宕机: -1.5, 断网: -1.5, 丢包: -1, 打不开: -1, 连不上: -1, 卡: -1,
  慢: -1, 超时: -1, 限流: -0.5, 多扣: -1.5, 扣了两次: -1.5, 不认: -1.5, 迁移: -1, 受影响: -1, 没人: -1.5, 到底: -1, 态度: -0.5,
  第三次: -1.5, 没解决: -2, 还没: -1, 怎么又: -1.5, 影响: -0.5, 攻击: -1, 欠费: -0.5, 丢: -1,
  // zh positive
  谢谢: 1, 感谢: 1, 好的: 0.5, 解决: 1, 解决了: 1.5, 明白: 0.5, 可以: 0.3, 满意: 1.5, 不错: 1, 很快: 1, 恢复: 1, 正常: 0.5,
  很好: 1.5, 顺利: 1, 方便: 0.5, 辛苦: 0.5, 麻烦: 0.5, // "麻烦你们了" thanks for the trouble
  // en negative
  complaint: -2, complain: -2, manager: -1, unacceptable: -2, cancel: -1, frustrated: -2, frustrating: -2, angry: -2,
  terrible: -2, worst: -2, rude: -2, down: -1, slow: -1, fail: -1, failing: -1, fails: -1, failed: -1, error: -1, errors: -1,
  broken: -1.5, "can't": -0.5, still: -0.5, again: -0.5, third: -1, disappointed: -2, useless: -2, lost: -0.5, throttled: -0.5,
  doubled: -1, unexpected: -1, sluggish: -1, attack: -1, timing: -0.3, urgent: -1,
  // en positive
  thanks: 1, thank: 1, great: 1.5, perfect: 1.5, works: 1, worked: 1, fixed: 1.5, resolved: 1.5, helpful: 1.5, appreciate: 1.5,
  sense: 0.5, good: 1, excellent: 2, happy: 1.5, glad: 1, alright: 0.5, welcome: 1, help: 0.5, ok: 0.3, okay: 0.3,
  // polite script words, neutral-to-positive in support talk however reviews used them
  您好: 0.5, 你好: 0.3, 欢迎: 1, 很高兴: 1, 帮您: 0.5,
};

const DEGREE_LIST: Record<string, number> = {
  很: 1.5, 非常: 1.8, 太: 1.8, 特别: 1.7, 十分: 1.6, 极其: 2, 最: 1.8, 有点: 0.6, 有些: 0.6, 稍微: 0.5, 挺: 1.2, 超级: 1.8,
  very: 1.5, really: 1.5, so: 1.4, extremely: 2, totally: 1.6, absolutely: 1.8, quite: 1.2, slightly: 0.5, bit: 0.6,
};

// Narrower than the classifier's negation set: "没有了，谢谢" / "No, that's all, thanks" answer a
// question, they do not negate the thanks (tokens carry no punctuation to tell clauses apart).
const NEGATORS = new Set(["不", "没", "别", "未", "不是", "不太", "不能", "无法", "not", "never", "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "can't", "cannot", "aren't"]);
const SPAN = 2;

/** Every word the lexicon looks at, for the table that gives them ids. */
export const LEXICON_WORDS: readonly string[] = [...new Set([...Object.keys(CUE_LIST), ...Object.keys(DEGREE_LIST), ...NEGATORS])];

/**
 * The lexicon over token ids from one id table (the sentiment model's, which interns
 * LEXICON_WORDS): scoring then costs no string lookup at all.
 */
export class Lexicon {
  private readonly cue: Float64Array;
  private readonly degree: Float64Array;
  private readonly negator: Uint8Array;

  constructor(ids: { idOf(word: string): number; readonly size: number }) {
    const size = ids.size;
    this.cue = new Float64Array(size).fill(NaN);
    this.degree = new Float64Array(size).fill(NaN);
    this.negator = new Uint8Array(size);
    const idFor = (word: string) => {
      const id = ids.idOf(word);
      if (id < 0 || id >= size) throw new Error(`lexicon word ${word} has no id`);
      return id;
    };
    for (const [word, v] of Object.entries(CUE_LIST)) this.cue[idFor(word)] = v;
    for (const [word, v] of Object.entries(DEGREE_LIST)) this.degree[idFor(word)] = v;
    for (const word of NEGATORS) this.negator[idFor(word)] = 1;
  }

  /** Sum of the cues, with negation (× −0.5: "不太好" is mildly negative) and degree. −1 is an unknown token. */
  score(ids: Int32Array, from = 0, to = ids.length): { score: number; hits: number } {
    let score = 0;
    let hits = 0;
    let negateFor = 0;
    let degree = 1;
    let degreeFor = 0;
    for (let i = from; i < to; i++) {
      const id = ids[i]!;
      if (id < 0) {
        if (negateFor > 0) negateFor--;
        if (degreeFor > 0) degreeFor--;
        continue;
      }
      const cue = this.cue[id]!;
      if (!Number.isNaN(cue)) {
        let v = cue * (degreeFor > 0 ? degree : 1);
        if (negateFor > 0) v *= -0.5;
        score += v;
        hits++;
        negateFor = 0;
        degreeFor = 0;
        continue;
      }
      if (this.negator[id] === 1) negateFor = SPAN;
      else if (negateFor > 0) negateFor--;
      const d = this.degree[id]!;
      if (!Number.isNaN(d)) {
        degree = d;
        degreeFor = SPAN;
      } else if (degreeFor > 0) degreeFor--;
    }
    return { score, hits };
  }
}
