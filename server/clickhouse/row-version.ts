/**
 * Versions for ReplacingMergeTree rows written by this process: the clock in ms, but strictly
 * increasing, so two changes in the same millisecond still keep their order.
 */
let lastVersion = 0;
export function nextVersion(): number {
  lastVersion = Math.max(Date.now(), lastVersion + 1);
  return lastVersion;
}
