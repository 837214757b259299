/**
 * The fixed train / held-out split shared by the training script and the evaluation: a text goes
 * to held-out when a seeded hash of it falls in the last fifth, so duplicates of a text never sit
 * on both sides and the split does not depend on file order.
 */
import { createHash } from "node:crypto";

export const SPLIT_SEED = 20261123;
export const HELD_OUT_SHARE = 0.2;

export function isHeldOut(text: string, seed = SPLIT_SEED): boolean {
  const h = createHash("sha1").update(`${seed}\0${text}`).digest();
  return h.readUInt32BE(0) / 0x100000000 < HELD_OUT_SHARE;
}
