/**
 * Remembers the ids seen in one file and the line of each, in typed arrays: a file of millions
 * of rows must not keep millions of strings alive. Ids are kept as a 64-bit hash, so two
 * different ids collide with odds of about n²/2⁶⁵ (≈ 10⁻⁷ for 3 million ids).
 */
export class IdSet {
  private keys: Uint32Array;
  private lines: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 14) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity * 2)));
    this.keys = new Uint32Array(size * 2);
    this.lines = new Uint32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds the id; returns the line (below 2³²) where it was first seen when it was already there, else null. */
  addOrGet(id: string, line: number): number | null {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 >>>= 0;
    h2 = (h2 | 1) >>> 0; // never 0: a 0 in the second word marks an empty slot
    let slot = (h1 ^ (h2 >>> 7)) & this.mask;
    for (;;) {
      const k2 = this.keys[slot * 2 + 1]!;
      if (k2 === 0) break;
      if (k2 === h2 && this.keys[slot * 2] === h1) return this.lines[slot]!;
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot * 2] = h1;
    this.keys[slot * 2 + 1] = h2;
    this.lines[slot] = line;
    if (++this.count * 2 > this.mask) this.grow();
    return null;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldLines = this.lines;
    const size = (this.mask + 1) * 2;
    this.keys = new Uint32Array(size * 2);
    this.lines = new Uint32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < oldLines.length; i++) {
      const h2 = oldKeys[i * 2 + 1]!;
      if (h2 === 0) continue;
      const h1 = oldKeys[i * 2]!;
      let slot = (h1 ^ (h2 >>> 7)) & this.mask;
      while (this.keys[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot * 2] = h1;
      this.keys[slot * 2 + 1] = h2;
      this.lines[slot] = oldLines[i]!;
    }
  }
}
