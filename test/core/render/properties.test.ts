/**
 * Property tests: briefings full of hostile text (markup, mentions, bidi overrides, control
 * characters, emoji, combining marks, lone surrogates, giant sentences, unsafe URLs) must always
 * render to payloads that the platforms accept, within every limit, and drop nothing silently.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../../src/core/render/discord.ts';
import { sanitizeDisplayText } from '../../../src/core/render/sanitize.ts';
import { renderTelegram, renderTelegramPlain } from '../../../src/core/render/telegram.ts';
import { renderText } from '../../../src/core/render/text.ts';
import type { Briefing, BriefingItem } from '../../../src/core/types.ts';
import { translate } from '../../../src/i18n/index.ts';
import { discordMessageProblems } from '../../support/discord-payload.ts';
import { parseTelegramHtml, telegramMessageProblems } from '../../support/telegram-html.ts';

const FRAGMENTS = [
  '<', '>', '&', '"', "'", '*', '_', '~', '`', '|', '#', '[', ']', '(', ')', '\\', '-', '1. ', '> ',
  '@everyone', '@here', '<@123>', '<@!123>', '<@&456>', '<#789>', '</cmd:1>', '<script>', '</b>', '<b>', '&amp;', '&#x1F600;', '&nbsp;',
  '\u202E', '\u202B', '\u2066', '\u2069', '\u200E', '\u200F', '\u200B', '\u200D', '\uFEFF', '\u061C', '\u00AD',
  '\u0000', '\u0007', '\u001B', '\u009B', '\n', '\t', ' ', '  ', '\u2028',
  '😀', '👍🏽', '🇮🇶', '👨‍👩‍👧', '\u0301', '\u0301\u0302\u0303\u0304\u0305\u0306', 'é', 'ّ',
  'العراق', 'واشنطن', 'الأمريكية', 'Biden', 'CNN', '2026', '3.5%', 'F-16', 'U.S.', '/start', 'x@y.com',
  'https://x.example/a_b?c=1&d=2', '[x](https://evil.example)', '||spoiler||', '\uD800', '\uDC00',
];

const fragmentText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
const giant = fc.constantFrom('x'.repeat(10_000), 'كلمة '.repeat(3000), '😀'.repeat(5000), `${'👩\u200D'.repeat(3000)}👩`, '\u0301'.repeat(3000));
const text = fc.oneof({ weight: 30, arbitrary: fragmentText }, { weight: 1, arbitrary: giant });

const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://example.com/a?b=1&c="2"',
    'https://example.com/a_(b)',
    'https://user:pass@example.com/',
    `https://example.com/${'%D8%A7'.repeat(300)}`,
    '',
  ),
  fragmentText,
);

const isoOrGarbage = fc.oneof(
  fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('not a date', '', '2026-13-45'),
);

const itemArbitrary: fc.Arbitrary<BriefingItem> = fc.record({
  id: fc.string({ maxLength: 8 }),
  headline: text,
  summary: fc.array(text, { maxLength: 4 }),
  sources: fc.array(fc.record({ name: text, url: fc.option(url, { nil: undefined }) }), { maxLength: 8 }),
  matchedTerms: fc.array(text, { maxLength: 6 }),
  score: fc.double({ noNaN: true }),
  publishedAt: fc.option(isoOrGarbage, { nil: undefined }),
  language: fc.constantFrom('ar' as const, 'en' as const),
});

const briefingArbitrary: fc.Arbitrary<Briefing> = fc
  .record({
    language: fc.constantFrom('ar' as const, 'en' as const),
    title: text,
    period: fc.record({ from: isoOrGarbage, to: isoOrGarbage }),
    items: fc.array(itemArbitrary, { maxLength: 12 }),
  })
  .map((b) => ({ ...b, direction: b.language === 'ar' ? ('rtl' as const) : ('ltr' as const) }));

/** Raise with MOWJAZ_PROPERTY_RUNS for a longer search; the default keeps the file fast. */
const RUNS = { numRuns: Number(process.env['MOWJAZ_PROPERTY_RUNS'] ?? 40) };

/** The renderer's own invisible marks, removed to compare output with input text. */
function unmarked(value: string): string {
  return value.replace(/[\u200E\u200F\u2060\u2066-\u2069]/g, '');
}

const FEED_CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u061C\u200B\u202A-\u202E\uFEFF]/;

/** Every sentence of the item is shown, or the item says it was shortened. */
function expectNothingSilentlyDropped(block: string, item: BriefingItem, language: Briefing['language']): void {
  const shown = unmarked(block);
  if (shown.includes(translate(language, 'render.shortened'))) return;
  for (const sentence of item.summary.map((s) => sanitizeDisplayText(s, { maxLength: 8000 })).filter((s) => s.length > 0)) {
    expect(shown).toContain(sentence);
  }
}

describe('rendering hostile briefings', () => {
  it('Telegram: every message is valid HTML within the limits, and every item is there, whole or marked shortened', () => {
    fc.assert(
      fc.property(briefingArbitrary, (briefing) => {
        const messages = renderTelegram(briefing);
        expect(messages.length).toBeGreaterThan(0);
        const blocks: string[] = [];
        for (const message of messages) {
          expect(telegramMessageProblems(message.text)).toEqual([]);
          const parsed = parseTelegramHtml(message.text);
          expect(parsed.text).not.toMatch(FEED_CONTROLS);
          const starts = parsed.entities.filter((e) => e.type === 'bold').map((e) => e.offset);
          starts.slice(1).forEach((start, i) => blocks.push(parsed.text.slice(start, starts[i + 2] ?? parsed.text.length)));
        }
        expect(blocks).toHaveLength(briefing.items.length);
        briefing.items.forEach((item, i) => expectNothingSilentlyDropped(blocks[i]!, item, briefing.language));
      }),
      RUNS,
    );
  });

  it('Telegram plain fallback: every message is within 4096 UTF-16 units and well-formed text', () => {
    fc.assert(
      fc.property(briefingArbitrary, (briefing) => {
        for (const message of renderTelegramPlain(briefing)) {
          expect(message.text.length).toBeLessThanOrEqual(4096);
          expect(message.text.trim().length).toBeGreaterThan(0);
          expect(message.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
          expect(message.text).not.toMatch(FEED_CONTROLS);
        }
      }),
      RUNS,
    );
  });

  it('Discord: every payload passes every limit, pings nobody, and has one embed per item, whole or marked shortened', () => {
    // Undo Markdown escapes outside URLs, which the renderer leaves as written.
    const unescape = (value: string) =>
      value
        .split(/(<https?:\/\/[^\s<>]+>)/)
        .map((part, i) => (i % 2 === 1 ? part.slice(1, -1) : part.replace(/\\([\\*_~`|[\]>#\-.])/g, '$1')))
        .join('');
    fc.assert(
      fc.property(briefingArbitrary, (briefing) => {
        const messages = renderDiscord(briefing);
        for (const message of messages) expect(discordMessageProblems(message)).toEqual([]);
        const embeds = messages.flatMap((m) => m.embeds ?? []);
        expect(embeds).toHaveLength(briefing.items.length);
        briefing.items.forEach((item, i) => expectNothingSilentlyDropped(unescape(embeds[i]!.description ?? ''), item, briefing.language));
      }),
      RUNS,
    );
  });

  it('plain text: no control or feed bidi characters reach the console, and every item is numbered', () => {
    fc.assert(
      fc.property(briefingArbitrary, (briefing) => {
        const output = renderText(briefing, { bidi: 'none' });
        expect(output).not.toMatch(FEED_CONTROLS);
        briefing.items.forEach((_, i) => expect(output).toMatch(new RegExp(`^${i + 1}\\. `, 'm')));
      }),
      RUNS,
    );
  });
});
