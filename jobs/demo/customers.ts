/**
 * Customers are derived from their index by hashing, not stored: the pool grows with the scale
 * (≈ 3 M customers at scale 85) while memory stays flat.
 */
import { REGIONS, type Language, type RegionId } from "./catalog";
import { hashUnit, type Rng } from "./random";
import type { SlaTier } from "./sla";

export interface Customer {
  id: string;
  region: RegionId;
  language: Language;
  tier: SlaTier;
  /** Key accounts: few customers, many tickets, mostly on paid support plans. */
  key: boolean;
}

const REGION_CUM = (() => {
  let sum = 0;
  return REGIONS.map((r) => (sum += r.share));
})();

/** Share of tickets raised by key accounts. */
const KEY_TICKET_SHARE = 0.3;

export class CustomerPool {
  readonly keyAccounts: number;
  readonly general: number;

  constructor(
    private readonly seed: number,
    scale: number,
  ) {
    this.keyAccounts = Math.max(20, Math.round(1200 * scale));
    this.general = Math.max(200, Math.round(45_000 * scale));
  }

  /** A customer for a new contact; key accounts are skewed so a few have very many tickets. */
  draw(rng: Rng): Customer {
    if (rng.chance(KEY_TICKET_SHARE)) {
      return this.byIndex(Math.min(this.keyAccounts - 1, Math.floor(this.keyAccounts * rng.next() ** 1.3)));
    }
    return this.byIndex(this.keyAccounts + Math.floor(rng.next() * this.general));
  }

  /** A customer homed in `region` (for regional incidents). */
  drawInRegion(rng: Rng, region: RegionId): Customer {
    for (let attempt = 0; attempt < 200; attempt++) {
      const c = this.draw(rng);
      if (c.region === region) return c;
    }
    return { ...this.draw(rng), region };
  }

  byIndex(index: number): Customer {
    const key = index < this.keyAccounts;
    const u = hashUnit(this.seed, index, 11);
    let r = 0;
    while (r < REGIONS.length - 1 && u * (REGION_CUM[REGION_CUM.length - 1] as number) >= (REGION_CUM[r] as number)) r++;
    const region = REGIONS[r]!;
    const language: Language = hashUnit(this.seed, index, 12) < region.enShare ? "en" : "zh";
    const t = hashUnit(this.seed, index, 13);
    // Overall tier mix ≈ 60 % basic / 30 % advanced / 10 % enterprise by ticket volume.
    const tier: SlaTier = key ? (t < 0.35 ? "enterprise" : "advanced") : t < 0.15 ? "advanced" : "basic";
    return { id: `C${String(index + 1).padStart(6, "0")}`, region: region.id, language, tier, key };
  }
}
