/**
 * A table of strings found by their characters inside a larger text, without building the
 * string: every article looks up each of its words among tens of thousands of known ones, and
 * slicing a new string per occurrence only to hash it and throw it away cost more than the rest
 * of the look-up. Open addressing over a typed array of (hash, entry) pairs keeps a probe to one
 * memory access before the key itself is compared.
 */

const EMPTY = 0;
const INITIAL_SLOTS = 1 << 14;

/** FNV-1a over the UTF-16 code units of text[start, end). */
function hashRange(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

function sameRange(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

export class WordTable<V> {
  /** Pairs: the key's hash, then 1 + its entry index (0: free slot). */
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private keys: string[] = [];
  private values: V[] = [];

  constructor(
    /** Entries kept at most; the table starts over when it is full. */
    private readonly limit: number,
  ) {}

  get size(): number {
    return this.keys.length;
  }

  /** The value of text[start, end), computed by `make` from the word the first time it is seen. */
  get(text: string, start: number, end: number, make: (word: string) => V): V {
    const hash = hashRange(text, start, end);
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const entry = slots[2 * slot + 1]!;
      if (entry === EMPTY) break;
      if (slots[2 * slot] === hash && sameRange(this.keys[entry - 1]!, text, start, end)) return this.values[entry - 1]!;
      slot = (slot + 1) & this.mask;
    }
    const word = start === 0 && end === text.length ? text : text.slice(start, end);
    const value = make(word);
    if (this.keys.length >= this.limit) this.clear();
    this.add(hash, word, value);
    return value;
  }

  clear(): void {
    this.slots = new Int32Array(2 * INITIAL_SLOTS);
    this.mask = INITIAL_SLOTS - 1;
    this.keys = [];
    this.values = [];
  }

  private add(hash: number, word: string, value: V): void {
    // At most half full, so probe runs stay short.
    if (2 * (this.keys.length + 1) > this.mask + 1) this.grow();
    this.keys.push(word);
    this.values.push(value);
    this.place(hash, this.keys.length);
  }

  private place(hash: number, entry: number): void {
    const slots = this.slots;
    let slot = hash & this.mask;
    while (slots[2 * slot + 1] !== EMPTY) slot = (slot + 1) & this.mask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = entry;
  }

  private grow(): void {
    const old = this.slots;
    const size = 2 * (this.mask + 1);
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let slot = 0; slot < old.length; slot += 2) {
      const entry = old[slot + 1]!;
      if (entry !== EMPTY) this.place(old[slot]!, entry);
    }
  }
}
