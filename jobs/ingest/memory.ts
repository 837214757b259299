import v8 from "node:v8";
import vm from "node:vm";

/**
 * Keeps the heap of a long load near what is live. V8 lets the heap grow to a multiple of the
 * live data before it collects, and a load allocates fast (a few hundred bytes per field), so a
 * load whose live data is ~100 MB would otherwise sit at 500–800 MB RSS. A heap limit would
 * need a node flag at start-up, which `npm run ingest` does not control; a full collection
 * when the heap passes a ceiling gives the same bound at a small cost.
 */
export function heapCeiling(ceilingMb = 80): () => void {
  let gc: (() => void) | null = null;
  try {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  } catch {
    return () => {};
  }
  const ceiling = ceilingMb * 1024 * 1024;
  // Collect again only once the heap has grown by a fifth over what the last collection left:
  // with more than the ceiling live (a batch in flight, the loaded modules), a fixed ceiling
  // made every chunk collect, and collections took 37 % of a load's CPU.
  let next = ceiling;
  return () => {
    if (v8.getHeapStatistics().used_heap_size <= next) return;
    gc?.();
    next = Math.max(ceiling, v8.getHeapStatistics().used_heap_size * 1.2);
  };
}
