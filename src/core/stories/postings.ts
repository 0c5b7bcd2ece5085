/**
 * The inverted index of story clustering: for each term id, the ordinals of the articles that
 * contain it, oldest first. Articles leave it when they fall out of the time window; the lists
 * are trimmed from the front, where the oldest entries are, and compacted now and then.
 */

interface PostingList {
  ordinals: number[];
  /** Each entry's article instant (NaN when unknown), so a scan can test the window without a lookup. */
  times: number[];
  /** Entries before `head` are expired. */
  head: number;
}

/** Trimmed entries kept before a list is compacted (amortises the copy). */
const COMPACT_AFTER = 64;

export class PostingIndex {
  private readonly lists = new Map<number, PostingList>();

  /** Number of terms with at least one live entry (for diagnostics). */
  get terms(): number {
    return this.lists.size;
  }

  add(termId: number, ordinal: number, time: number | undefined): void {
    const at = time ?? Number.NaN;
    const list = this.lists.get(termId);
    if (list) {
      list.ordinals.push(ordinal);
      list.times.push(at);
    } else {
      this.lists.set(termId, { ordinals: [ordinal], times: [at], head: 0 });
    }
  }

  /**
   * Visits the term's entries newest first, at most `limit` of them, with the instant each was
   * indexed at (NaN when unknown). Returns how many entries were visited.
   */
  visitRecent(termId: number, limit: number, visit: (ordinal: number, time: number) => void): number {
    const list = this.lists.get(termId);
    if (!list) return 0;
    const stop = Math.max(list.head, list.ordinals.length - limit);
    for (let i = list.ordinals.length - 1; i >= stop; i--) visit(list.ordinals[i]!, list.times[i]!);
    return list.ordinals.length - stop;
  }

  /** Drops the term's oldest entries while `isLive` says they are gone. */
  trim(termId: number, isLive: (ordinal: number) => boolean): void {
    const list = this.lists.get(termId);
    if (!list) return;
    while (list.head < list.ordinals.length && !isLive(list.ordinals[list.head]!)) list.head++;
    if (list.head === list.ordinals.length) {
      this.lists.delete(termId);
    } else if (list.head > COMPACT_AFTER && list.head * 2 > list.ordinals.length) {
      list.ordinals.splice(0, list.head);
      list.times.splice(0, list.head);
      list.head = 0;
    }
  }
}
