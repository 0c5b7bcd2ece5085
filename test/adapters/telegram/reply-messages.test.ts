import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replyMessages, splitText, telegramHtmlToPlain } from '../../../src/adapters/telegram/reply-messages.ts';
import { briefingReply, textReply } from '../../../src/commands/reply.ts';
import { hostileBriefing } from '../../support/briefing-fixtures.ts';
import { telegramMessageProblems } from '../../support/telegram-html.ts';

describe('splitText', () => {
  it('cuts long text into pieces within the limit without losing a word (property)', () => {
    const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((w) => !/\s/u.test(w));
    const text = fc.array(fc.tuple(word, fc.constantFrom(' ', '\n', '\n\n')), { maxLength: 300 }).map((parts) => parts.map(([w, gap]) => w + gap).join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 40, max: 400 }), (input, limit) => {
        const pieces = splitText(input, limit);
        for (const piece of pieces) {
          expect(piece.length).toBeLessThanOrEqual(limit);
          expect(piece.trim()).not.toBe('');
          expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
        }
        expect(pieces.join(' ').split(/\s+/u).filter(Boolean)).toEqual(input.split(/\s+/u).filter(Boolean));
      }),
    );
  });

  it('prefers a paragraph break, then a line break, to cutting inside a line', () => {
    const paragraph = 'a'.repeat(60);
    expect(splitText(`${paragraph}\n\n${paragraph}`, 100)).toEqual([paragraph, paragraph]);
    expect(splitText(`${paragraph}\nbbb ccc\n${paragraph}`, 100)).toEqual([`${paragraph}\nbbb ccc`, paragraph]);
  });

  it('cuts a single endless word at the limit, never between the halves of a surrogate pair', () => {
    const pieces = splitText('😀'.repeat(60), 51);
    expect(pieces.map((piece) => piece.length)).toEqual([50, 50, 20]);
  });
});

describe('replyMessages', () => {
  it('sends text as plain messages with previews off, one message for consecutive text parts', () => {
    const reply = { ...textReply('Channel News:'), parts: [{ kind: 'text' as const, text: 'Channel News:' }, { kind: 'text' as const, text: 'Subscribed <b>to</b> x' }] };
    expect(replyMessages(reply, { timeZone: 'UTC' })).toEqual([{ text: 'Channel News:\n\nSubscribed <b>to</b> x', link_preview_options: { is_disabled: true } }]);
  });

  it('puts the keyboard under the last message only', () => {
    const keyboard = [[{ text: 'Read', callback_data: 'r:/news x' }]];
    const bodies = replyMessages(textReply('word '.repeat(2000)), { timeZone: 'UTC', keyboard });
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies.slice(0, -1).some((body) => body.reply_markup)).toBe(false);
    expect(bodies.at(-1)!.reply_markup).toEqual({ inline_keyboard: keyboard });
  });

  it('renders briefings with the shared HTML renderer: valid for Telegram even from hostile feed text', () => {
    const bodies = replyMessages(briefingReply(hostileBriefing()), { timeZone: 'Asia/Baghdad' });
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body.parse_mode).toBe('HTML');
      expect(telegramMessageProblems(body.text)).toEqual([]);
      expect(body.link_preview_options).toEqual({ is_disabled: true });
    }
  });
});

describe('telegramHtmlToPlain', () => {
  it.each([
    ['<b>Title</b>\n<a href="https://example.org/a?b=1&amp;c=2">Source</a>', 'Title\nSource (https://example.org/a?b=1&c=2)'],
    ['5 &lt; 6 &amp;&amp; 7 &gt; 6 &quot;ok&quot; &#1593;&#x628;', '5 < 6 && 7 > 6 "ok" عب'],
    ['<b>Unclosed <i>tags', 'Unclosed tags'],
    ['&unknown; stays', '&unknown; stays'],
  ])('given %j then %j', (html, plain) => {
    expect(telegramHtmlToPlain(html)).toBe(plain);
  });

  it('drops link targets, then shortens, rather than exceed the limit', () => {
    const html = `<a href="https://example.org/${'p'.repeat(50)}">${'x'.repeat(60)}</a>`;
    expect(telegramHtmlToPlain(html, 100)).toBe('x'.repeat(60));
    expect(telegramHtmlToPlain(`${'word '.repeat(40)}`, 50).length).toBeLessThanOrEqual(50);
  });
});
