/**
 * A translator for the simple `Expect:` lines of the Python feedparser test suite: conjunctions of
 * `[not] bozo`, `len(entries) == N` and `<path> == <string literal>` where the path names a field
 * mowjaz keeps (feed title, link, description; entry title, link, id, summary, content).
 * Anything else is "not applicable" rather than guessed at.
 */
export type ExpectField =
  | { scope: 'feed'; field: 'title' | 'link' | 'description' }
  | { scope: 'entry'; index: number; field: 'title' | 'link' | 'id' | 'summary' | 'content' };

export type ExpectClause = { kind: 'equals'; target: ExpectField; value: string } | { kind: 'entry-count'; value: number };

const FEED_FIELDS: Record<string, 'title' | 'link' | 'description'> = {
  "['title']": 'title',
  "['title_detail']['value']": 'title',
  "['link']": 'link',
  "['description']": 'description',
  "['subtitle']": 'description',
  "['tagline']": 'description',
  "['subtitle_detail']['value']": 'description',
  '.title': 'title',
  '.link': 'link',
};

const ENTRY_FIELDS: Record<string, 'title' | 'link' | 'id' | 'summary' | 'content'> = {
  "['title']": 'title',
  "['title_detail']['value']": 'title',
  "['link']": 'link',
  "['id']": 'id',
  "['summary']": 'summary',
  "['description']": 'summary',
  "['summary_detail']['value']": 'summary',
  "['content'][0]['value']": 'content',
};

/** Splits on ` and ` outside string literals. */
function clauses(expression: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let current = '';
  for (let i = 0; i < expression.length; i += 1) {
    const char = expression[i] ?? '';
    if (quote) {
      current += char;
      if (char === '\\') {
        current += expression[i + 1] ?? '';
        i += 1;
      } else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    if (expression.startsWith(' and ', i)) {
      parts.push(current.trim());
      current = '';
      i += 4;
      continue;
    }
    current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** A Python 2/3 string literal (`u'…'`, `'…'`, `"…"`) with its escapes, or null. */
export function pythonString(literal: string): string | null {
  const match = /^[uU]?(['"])([\s\S]*)\1$/.exec(literal.trim());
  if (!match?.[2] && match?.[2] !== '') return null;
  const quote = match[1];
  const body = match[2];
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i] ?? '';
    if (char === quote) return null;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[i + 1] ?? '';
    i += 1;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
    if (next in simple) out += simple[next];
    else if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return null;
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += width;
    } else out += `\\${next}`;
  }
  return out;
}

/** The clauses of an `Expect:` expression, or null when any part is beyond this translator. */
export function translateExpect(expression: string): ExpectClause[] | null {
  const out: ExpectClause[] = [];
  for (const clause of clauses(expression.trim())) {
    if (clause === 'bozo' || clause === 'not bozo') continue;
    const count = /^len\(entries\)\s*==\s*(\d+)$/.exec(clause);
    if (count?.[1]) {
      out.push({ kind: 'entry-count', value: Number(count[1]) });
      continue;
    }
    const equals = /^(feed|entries\[(\d+)\])((?:\['[a-z_]+'\]|\[0\]|\.[a-z_]+)+)\s*==\s*(.+)$/.exec(clause);
    if (!equals?.[1] || !equals[3] || !equals[4]) return null;
    const value = pythonString(equals[4]);
    if (value === null) return null;
    if (equals[1] === 'feed') {
      const field = FEED_FIELDS[equals[3]];
      if (!field) return null;
      out.push({ kind: 'equals', target: { scope: 'feed', field }, value });
    } else {
      const field = ENTRY_FIELDS[equals[3]];
      if (!field) return null;
      out.push({ kind: 'equals', target: { scope: 'entry', index: Number(equals[2]), field }, value });
    }
  }
  return out.length > 0 ? out : null;
}
