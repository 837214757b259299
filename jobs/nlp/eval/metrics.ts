/** Classification and rank-correlation figures. */
export interface ClassificationReport {
  accuracy: number;
  macro_f1: number;
  n: number;
}

export function classificationReport(gold: readonly (string | number)[], predicted: readonly (string | number)[]): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error("gold and predicted differ in length");
  const n = gold.length;
  if (n === 0) return { accuracy: Number.NaN, macro_f1: Number.NaN, n };
  const labels = [...new Set(gold.map(String))];
  let correct = 0;
  for (let i = 0; i < n; i++) if (String(gold[i]) === String(predicted[i])) correct++;
  const f1s = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < n; i++) {
      const g = String(gold[i]) === label;
      const p = String(predicted[i]) === label;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  });
  return { accuracy: correct / n, macro_f1: f1s.reduce((a, b) => a + b, 0) / labels.length, n };
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]![1]] = rank;
    i = j + 1;
  }
  return out;
}

/** Spearman's rho: Pearson correlation of the ranks (ties get their mean rank). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length < 2) return Number.NaN;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (ra.length + 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    const x = ra[i]! - mean;
    const y = rb[i]! - mean;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da && db ? num / Math.sqrt(da * db) : Number.NaN;
}
