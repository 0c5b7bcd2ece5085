/**
 * Turning a text command line (`/subscribe iraq-us-relations 08:00 Asia/Riyadh weekly`) into
 * option values for a command's schema. Used by every text platform (Telegram, the console);
 * Discord sends typed values and skips this.
 *
 * Tokens fill options in positional order, except that a token with a recognisable shape (a
 * number for an integer option, one of an option's choices, a time for `time`) goes to the option
 * it obviously belongs to, so `/news 3` and `/subscribe topic weekly` do what users mean.
 * `name=value` sets an option explicitly. Values are only shaped here (digits folded, numbers and
 * booleans converted, choices canonicalised); validity is decided by the schema.
 */
import { foldDigits, normalizeForMatch } from '../core/text/normalize.ts';
import type { CommandOption } from './define-command.ts';

export interface CommandLine {
  /** Command name, lower-cased, without the slash or a Telegram `@botname` suffix. */
  name: string;
  /** Everything after the name. */
  argText: string;
}

/** Splits `/name@bot args…`; returns null when the text is not a command. */
export function parseCommandLine(text: string): CommandLine | null {
  const match = /^\s*\/([^\s@/]+)(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/u.exec(text);
  if (!match || !match[1]) return null;
  return { name: match[1].toLowerCase(), argText: (match[2] ?? '').trim() };
}

export type ArgProblem =
  | { kind: 'unclosed_quote' }
  | { kind: 'unknown_option'; name: string }
  | { kind: 'duplicate_option'; name: string }
  | { kind: 'too_many_arguments'; token: string };

export type ArgParseResult = { ok: true; values: Record<string, unknown> } | { ok: false; problem: ArgProblem };

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '«': '»', '“': '”' };

/** Splits on white space; quotes ("…", '…', «…», “…”) keep spaces inside one token. */
export function tokenize(argText: string): string[] | null {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let closing: string | null = null;
  for (const char of argText) {
    if (closing !== null) {
      if (char === closing) closing = null;
      else current += char;
      continue;
    }
    const close = QUOTES[char];
    if (close !== undefined) {
      closing = close;
      inToken = true;
      continue;
    }
    if (/\s/u.test(char)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }
    current += char;
    inToken = true;
  }
  if (closing !== null) return null;
  if (inToken) tokens.push(current);
  return tokens;
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1', 'نعم']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0', 'لا']);

function choiceFor(option: CommandOption, token: string): string | undefined {
  const wanted = normalizeForMatch(token);
  return option.choices?.find((choice) => [choice.value, choice.name.en, choice.name.ar].some((form) => normalizeForMatch(form) === wanted))?.value;
}

/** Whether the option has a recognisable shape, and if so whether the token has it. */
function specificAccepts(option: CommandOption, token: string): boolean | null {
  const folded = foldDigits(token).toLowerCase();
  if (option.choices && option.choices.length > 0) return choiceFor(option, token) !== undefined;
  if (option.shape) return option.shape.test(folded);
  if (option.kind === 'integer') return /^[+-]?\d+$/.test(folded);
  if (option.kind === 'boolean') return TRUE_WORDS.has(folded) || FALSE_WORDS.has(folded);
  return null;
}

/** Converts a token to the type the schema expects; leaves it as text when it does not fit, so the schema reports it. */
export function shapeValue(option: CommandOption, token: string): unknown {
  const folded = foldDigits(token).trim();
  if (option.choices && option.choices.length > 0) return choiceFor(option, token) ?? token;
  switch (option.kind) {
    case 'integer':
      return /^[+-]?\d+$/.test(folded) ? Number(folded) : token;
    case 'boolean': {
      const lower = folded.toLowerCase();
      if (TRUE_WORDS.has(lower)) return true;
      if (FALSE_WORDS.has(lower)) return false;
      return token;
    }
    default:
      return option.shape ? folded : token;
  }
}

export function assignTextArgs(options: readonly CommandOption[], argText: string): ArgParseResult {
  const tokens = tokenize(argText);
  if (tokens === null) return { ok: false, problem: { kind: 'unclosed_quote' } };
  const values: Record<string, unknown> = {};
  const positional: string[] = [];
  for (const token of tokens) {
    const named = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/su.exec(token);
    if (!named || !named[1]) {
      positional.push(token);
      continue;
    }
    const key = named[1].toLowerCase().replace(/-/g, '_');
    const option = options.find((candidate) => candidate.name === key);
    if (!option) return { ok: false, problem: { kind: 'unknown_option', name: named[1] } };
    if (key in values) return { ok: false, problem: { kind: 'duplicate_option', name: key } };
    values[key] = shapeValue(option, named[2] ?? '');
  }
  for (const token of positional) {
    const unfilled = options.filter((option) => !(option.name in values));
    const target =
      unfilled.find((option) => specificAccepts(option, token) === true) ??
      unfilled.find((option) => specificAccepts(option, token) === null) ??
      unfilled[0];
    if (!target) return { ok: false, problem: { kind: 'too_many_arguments', token } };
    values[target.name] = shapeValue(target, token);
  }
  return { ok: true, values };
}
