/**
 * A one-pass route to the matching form for the characters news text is made of (ASCII, the
 * Arabic block, common punctuation and spaces). The reference normalisation runs eight passes
 * over the text (NFKC, invisibles, marks, tatweel, letter folds, digits, NFD/accents/case, NFC,
 * spaces), which made it the costliest step of cleaning a page.
 *
 * The per-character table is derived from the reference normalisation itself, so the two cannot
 * drift apart: a character is handled here only when its matching form does not depend on its
 * neighbours. Text with any other character (accented Latin, presentation forms, other scripts)
 * goes through the reference steps unchanged. Arabic marks can combine with the letter before
 * them under NFKC (ہ + hamza → ۂ), so text carrying marks is NFKC-normalised first and the marks
 * are then dropped in the same pass.
 */

/** Character classes of the table. */
const OTHER = 0; // not handled here: the whole text takes the reference route
const COPY = 1; // kept as it is
const MAP = 2; // matching form is another fixed string (case, spelling variants, digits, compatibility forms)
const REMOVE = 3; // dropped (invisibles, tatweel)
const SPACE_CLASS = 4; // white space: runs become one space, none at the ends
const MARK_CLASS = 5; // combining marks the matching form drops: handled only once the text is in NFKC
const LONE_MARK = 6; // marks the matching form drops that compose with no handled character: dropped at once
type CharClass = number;

/** Code points below this are looked up in the table; U+3000 and U+FEFF are handled explicitly. */
const TABLE_SIZE = 0x2070;

const CANDIDATE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x00ff],
  [0x0600, 0x06ff],
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x206f],
];

const SPACE = /^\s$/u;
const MARK = /^\p{M}$/u;

export type FastFold = (text: string) => string | undefined;

/**
 * Builds the one-pass fold from the reference normalisation. The returned function gives the
 * matching form, or `undefined` when the text holds a character it does not handle.
 */
export function createFastFold(reference: (text: string) => string): FastFold {
  const classes = new Uint8Array(TABLE_SIZE);
  const maps: string[] = new Array<string>(TABLE_SIZE).fill('');
  const isCopy = (s: string) => s.length === 1 && s.charCodeAt(0) < TABLE_SIZE && classes[s.charCodeAt(0)] === COPY;

  // Each character is judged between letters of both scripts, so that what the reference does
  // around it (spaces collapse, invisibles vanish) is part of the verdict.
  const between = (char: string) => [reference(`a${char}b`), reference(`ب${char}ت`)] as const;

  const classify = (code: number): CharClass => {
    const char = String.fromCharCode(code);
    const nfkc = char.normalize('NFKC');
    if (MARK.test(char)) {
      // Dropped after any letter: safe to drop once the text is composed.
      return reference(`b${char}`) === 'b' && reference(`ب${char}`) === 'ب' ? MARK_CLASS : OTHER;
    }
    const [latin, arabic] = between(char);
    if (latin === 'ab' && arabic === 'بت') return nfkc === char ? REMOVE : OTHER;
    if (latin === 'a b' && arabic === 'ب ت') return SPACE.test(char) ? SPACE_CLASS : OTHER;
    const stable = nfkc === char && char.normalize('NFD') === char && char.toLowerCase() === char;
    return stable && latin === `a${char}b` && arabic === `ب${char}ت` ? COPY : OTHER;
  };

  for (const [from, to] of CANDIDATE_RANGES) for (let code = from; code <= to; code++) classes[code] = classify(code);
  // Second pass, once every kept character is known: characters whose matching form is a fixed
  // run of kept characters (A → a, أ → ا, ٣ → 3, … → ...).
  for (const [from, to] of CANDIDATE_RANGES) {
    for (let code = from; code <= to; code++) {
      if (classes[code] !== OTHER) continue;
      const char = String.fromCharCode(code);
      if (MARK.test(char) || SPACE.test(char)) continue;
      const nfkc = char.normalize('NFKC');
      const folded = reference(char);
      const composesWithNothing = nfkc === char || /^[\x21-\x7e]+$/u.test(nfkc);
      const [latin, arabic] = between(char);
      if (folded.length > 0 && composesWithNothing && [...folded].every(isCopy) && latin === `a${folded}b` && arabic === `ب${folded}ت`) {
        classes[code] = MAP;
        maps[code] = folded;
      }
    }
  }
  // Most marks (the harakat, shadda, sukun) compose with no character: NFKC cannot change what
  // surrounds them, so they are dropped without composing the text first. Only text with a mark
  // that does compose (hamza and madda above or below) takes the NFKC route.
  const bases: string[] = [];
  for (const [from, to] of CANDIDATE_RANGES) {
    for (let code = from; code <= to; code++) if (classes[code] === COPY || classes[code] === MAP) bases.push(String.fromCharCode(code));
  }
  for (const [from, to] of CANDIDATE_RANGES) {
    for (let code = from; code <= to; code++) {
      if (classes[code] !== MARK_CLASS) continue;
      const mark = String.fromCharCode(code);
      if (mark.normalize('NFKC') === mark && bases.every((base) => (base + mark).normalize('NFKC') === base.normalize('NFKC') + mark)) classes[code] = LONE_MARK;
    }
  }
  // The two characters above the table that news text does carry.
  const ideographicSpace = classify(0x3000);
  const byteOrderMark = classify(0xfeff);

  const classOf = (code: number): CharClass =>
    code < TABLE_SIZE ? classes[code]! : code === 0x3000 ? ideographicSpace : code === 0xfeff ? byteOrderMark : OTHER;

  /** One pass; `composed` says the text is already NFKC, so marks may simply be dropped. */
  const pass = (text: string, composed: boolean): string | undefined => {
    let out = '';
    let runStart = 0;
    let emitted = false;
    let lastSpace = false;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      let cls = classOf(code);
      if (cls === MARK_CLASS) {
        if (!composed) return undefined;
        cls = REMOVE;
      } else if (cls === LONE_MARK) {
        cls = REMOVE;
      }
      switch (cls) {
        case COPY:
          emitted = true;
          lastSpace = false;
          break;
        case SPACE_CLASS:
          if (code === 0x20 && emitted && !lastSpace) {
            lastSpace = true;
            break;
          }
          if (i > runStart) out += text.slice(runStart, i);
          runStart = i + 1;
          if (emitted && !lastSpace) {
            out += ' ';
            lastSpace = true;
          }
          break;
        case REMOVE:
          if (i > runStart) out += text.slice(runStart, i);
          runStart = i + 1;
          break;
        case MAP:
          if (i > runStart) out += text.slice(runStart, i);
          runStart = i + 1;
          out += maps[code]!;
          emitted = true;
          lastSpace = false;
          break;
        default:
          return undefined;
      }
    }
    if (runStart === 0) out = text;
    else if (n > runStart) out += text.slice(runStart, n);
    return lastSpace ? out.slice(0, -1) : out;
  };

  return (text) => pass(text, false) ?? (hasOnlyHandled(text) ? pass(text.normalize('NFKC'), true) : undefined);

  /** Marks are the only reason to compose first; anything else unhandled goes the reference way. */
  function hasOnlyHandled(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (classOf(text.charCodeAt(i)) === OTHER) return false;
    return true;
  }
}
