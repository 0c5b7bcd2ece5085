/**
 * The opening of a token: a small hash of its first letters, shared by article tokens (computed
 * once per article) and topic patterns (one bit per opening in each compiled topic).
 */

/** Every prefix is at least this long (MIN_PREFIX_LENGTH), so its first letters are a safe key. */
export const PREFIX_KEY_LENGTH = 3;

/** Distinct openings (a power of two: the hash is masked into it). */
export const OPENING_BITS = 1 << 16;

/**
 * A hash of a token's first PREFIX_KEY_LENGTH code units (fewer for shorter tokens). An article
 * token can match a pattern only if both have the same opening: an exact token equals the
 * pattern's, and a prefix is at least that long and starts the token.
 */
export function openingOf(token: string): number {
  let hash = token.charCodeAt(0);
  if (token.length > 1) hash = Math.imul(hash, 31) + token.charCodeAt(1);
  if (token.length > 2) hash = Math.imul(hash, 31) + token.charCodeAt(2);
  return hash & (OPENING_BITS - 1);
}

/**
 * The openings of every topic compiled so far, so that tokenising an article can list, once, the
 * few tokens any topic might start a pattern at. The set only grows; its version counts the
 * times it did, and a topic compiled after an article was tokenised (a newer version) scans all
 * of that article's tokens instead.
 */
const knownOpenings = new Uint32Array(OPENING_BITS / 32);
let knownVersion = 0;

/** Adds a topic's openings (a bit table) to the known ones; returns the version that holds them. */
export function registerOpenings(table: Uint32Array): number {
  let grew = false;
  for (let i = 0; i < table.length; i++) {
    const added = table[i]! & ~knownOpenings[i]!;
    if (added !== 0) {
      knownOpenings[i]! |= added;
      grew = true;
    }
  }
  if (grew) knownVersion += 1;
  return knownVersion;
}

export function knownOpeningsVersion(): number {
  return knownVersion;
}

export function isKnownOpening(opening: number): boolean {
  return (knownOpenings[opening >>> 5]! & (1 << (opening & 31))) !== 0;
}
