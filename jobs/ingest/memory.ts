import v8 from "node:v8";
import vm from "node:vm";

/** Bytes held by the old generation (promoted objects and large strings): what grows when a load keeps data. */
function oldBytes(): number {
  let total = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name === "old_space" || space.space_name === "large_object_space") total += space.space_used_size;
  }
  return total;
}

/**
 * Keeps the heap of a long load near what is live. V8 lets the old generation grow to a
 * multiple of the live data before it collects, and a load allocates fast, so a load whose live
 * data is ~100 MB would otherwise sit at 500–800 MB RSS. A heap limit would need a node flag at
 * start-up, which `npm run ingest` does not control; a full collection when the old generation
 * has grown by half over what the last one left gives the same bound at a small cost.
 * Short-lived garbage (the new space) is left to V8's cheap scavenges: counting it made a
 * load collect fully every few thousand rows, a third of its CPU.
 */
export function heapCeiling(floorMb = 64, growth = 1.5): () => void {
  let gc: (() => void) | null = null;
  try {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  } catch {
    return () => {};
  }
  const floor = floorMb * 1024 * 1024;
  let next = floor;
  return () => {
    if (oldBytes() <= next) return;
    gc?.();
    next = Math.max(floor, oldBytes() * growth);
  };
}
