/**
 * Choosing the best candidates out of the many an inverted-index scan touches, in linear time.
 */

/**
 * The `limit` ordinals with the highest accumulated scores (ties to the earlier article), found
 * in linear time: a threshold from a selection, then a sort of the few that pass it.
 */
export function shortlist(accumulated: ReadonlyMap<number, number>, limit: number): number[] {
  const entries = [...accumulated];
  if (entries.length > limit * 2) {
    const scores = entries.map(([, score]) => score);
    const cut = kthLargest(scores, limit);
    const kept = entries.filter(([, score]) => score >= cut);
    entries.length = 0;
    entries.push(...kept);
  }
  return entries
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([ordinal]) => ordinal);
}

/** Quickselect: the k-th largest value (1-based) of `values`, which it reorders. */
export function kthLargest(values: number[], k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        [values[i], values[j]] = [values[j]!, values[i]!];
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}
