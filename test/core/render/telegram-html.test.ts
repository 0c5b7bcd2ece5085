import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeHtmlAttribute,
  telegramEntityCount,
  telegramLinkUrlLength,
  telegramVisibleLength,
} from '../../../src/core/render/telegram-html.ts';
import { parseTelegramHtml, telegramMessageProblems } from '../../support/telegram-html.ts';

describe('escaping for Telegram HTML', () => {
  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '"'],
    ["'", "'"],
    ['&amp;', '&amp;amp;'],
    ['<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
  ])('text: %s becomes %s', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
    expect(parseTelegramHtml(escaped).text).toBe(raw);
  });

  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
  ])('attribute: %s becomes %s', (raw, escaped) => {
    expect(escapeHtmlAttribute(raw)).toBe(escaped);
  });
});

describe('telegramVisibleLength', () => {
  it.each([
    ['plain', 'abc', 3],
    ['tags are not counted', '<b>abc</b> <a href="https://example.com/?a=1&amp;b=2">x</a>', 5],
    ['named entities count as one character', '&lt;&gt;&amp;&quot;', 4],
    ['decimal and hex references', '&#65;&#x42;', 2],
    ['an astral reference counts two UTF-16 units', '&#128512;', 2],
    ['emoji count two UTF-16 units', '😀', 2],
    ['Arabic letters count one each', 'العراق', 6],
    ['an unsupported named entity is counted as written', '&nbsp;', 6],
  ])('%s', (_, html, expected) => {
    expect(telegramVisibleLength(html)).toBe(expected);
  });

  it('agrees with the strict parser on any escaped text wrapped in tags', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 40 }), (text, label) => {
        const html = `<b>${escapeHtml(text)}</b> <a href="${escapeHtmlAttribute('https://example.com/?q=' + label)}">${escapeHtml(label)}</a>`;
        const parsed = parseTelegramHtml(html);
        expect(parsed.text).toBe(`${text} ${label}`);
        expect(telegramVisibleLength(html)).toBe(parsed.text.length);
      }),
      { numRuns: 300 },
    );
  });

  it('counts entities and link targets', () => {
    const html = '<b>a</b><a href="https://e.com/x">b</a><i>c</i>';
    expect(telegramEntityCount(html)).toBe(3);
    expect(telegramLinkUrlLength(html)).toBe('https://e.com/x'.length);
  });
});

describe('the strict Telegram HTML parser used by the tests', () => {
  it.each([
    ['an unsupported tag', '<script>x</script>'],
    ['an unclosed tag', '<b>x'],
    ['crossed tags', '<b><i>x</b></i>'],
    ['a bare ampersand', 'a & b'],
    ['a bare greater-than sign', 'a > b'],
    ['an unsupported entity', '&nbsp;'],
    ['a nested link', '<a href="https://a.example"><a href="https://b.example">x</a></a>'],
    ['a tag inside code', '<code><b>x</b></code>'],
    ['an unknown attribute', '<b class="x">y</b>'],
    ['a span that is not a spoiler', '<span class="red">x</span>'],
  ])('rejects %s', (_, html) => {
    expect(() => parseTelegramHtml(html)).toThrow(/can't parse entities/);
  });

  it('reports entities with UTF-16 offsets', () => {
    expect(parseTelegramHtml('😀 <b>نص</b> <a href="https://e.com/?a=1&amp;b=2">x</a>')).toEqual({
      text: '😀 نص x',
      entities: [
        { type: 'bold', offset: 3, length: 2 },
        { type: 'text_link', offset: 6, length: 1, url: 'https://e.com/?a=1&b=2' },
      ],
    });
  });

  it('lists the problems of an oversized message', () => {
    expect(telegramMessageProblems('x'.repeat(4097))).toEqual(['text is 4097 UTF-16 units after parsing (limit 4096)']);
    expect(telegramMessageProblems('<a href="javascript:alert(1)">x</a>')).toEqual(['link to a non-http(s) URL: javascript:alert(1)']);
  });
});
