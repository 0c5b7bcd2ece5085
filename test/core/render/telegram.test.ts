import type { Opts } from '@telegraf/types';
import { describe, expect, it } from 'vitest';
import { RLM } from '../../../src/core/render/bidi.ts';
import { TELEGRAM_MAX_ENTITIES, TELEGRAM_MESSAGE_LIMIT } from '../../../src/core/render/limits.ts';
import { telegramEntityCount, telegramLinkUrlLength, telegramVisibleLength } from '../../../src/core/render/telegram-html.ts';
import { defuseTelegramText, renderTelegram, renderTelegramPlain, type TelegramMessage } from '../../../src/core/render/telegram.ts';
import { newsSampleBriefing } from '../../support/briefing-fixtures.ts';
import { describeWithShared } from '../../support/shared.ts';
import { parseTelegramHtml, telegramMessageProblems } from '../../support/telegram-html.ts';
import { briefing, englishBriefing, item, manyItems } from './builders.ts';

function visibleTexts(messages: TelegramMessage[]): string[] {
  return messages.map((message) => parseTelegramHtml(message.text).text);
}

/** Text as read, without the renderer's own invisible direction marks and word joiners. */
function unmarked(text: string): string {
  return text.replace(/[\u200E\u200F\u2060\u2066-\u2069]/g, '');
}

function expectAllValid(messages: TelegramMessage[]): void {
  for (const message of messages) {
    expect(telegramMessageProblems(message.text)).toEqual([]);
    expect(telegramVisibleLength(message.text)).toBe(parseTelegramHtml(message.text).text.length);
    expect(message.parse_mode).toBe('HTML');
  }
}

describe('renderTelegram: shape', () => {
  it('given a one-item Arabic briefing, then one sendMessage body with title, headline, summary, sources and why', () => {
    const messages = renderTelegram(briefing());
    expect(messages).toHaveLength(1);
    expectAllValid(messages);
    const [text] = visibleTexts(messages);
    expect(text).toContain('العلاقات العراقية الأمريكية — 27–28 نوفمبر 2026');
    expect(text).toContain('1. العراق يطالب أمريكا بحوار استراتيجي');
    expect(text).toContain('أفادت مصادر بأن بغداد طلبت جولة حوار استراتيجي جديدة مع واشنطن');
    expect(text).toContain('المصادر: المدينة');
    expect(text).toContain('سبب الاختيار: العراق، واشنطن');
    expect(messages[0]!.text).toContain('<a href="https://www.al-madina.com/article/1">المدينة</a>');
  });

  it('given an English briefing, then the UI words are English', () => {
    const [text] = visibleTexts(renderTelegram(englishBriefing()));
    expect(text).toContain('Sources: Reuters — 28 Nov 2026, 09:00 UTC');
    expect(text).toContain('Why: Iraq, Washington');
  });

  it('given a time zone, then dates are shown in it', () => {
    const [text] = visibleTexts(renderTelegram(englishBriefing(), { timeZone: 'Asia/Baghdad' }));
    expect(text).toContain('28 Nov 2026, 12:00 GMT+3');
  });

  it('link previews are off by default and can be turned on', () => {
    expect(renderTelegram(briefing())[0]!.link_preview_options).toEqual({ is_disabled: true });
    expect(renderTelegram(briefing(), { linkPreviews: true })[0]!.link_preview_options).toEqual({ is_disabled: false });
  });

  it('the body is exactly what telegraf accepts for sendMessage once chat_id is added', () => {
    const [message] = renderTelegram(briefing());
    const body: Opts<never>['sendMessage'] = { chat_id: 42, ...message! };
    expect(Object.keys(body).sort()).toEqual(['chat_id', 'link_preview_options', 'parse_mode', 'text']);
  });

  it('given an empty briefing, then one message says there is no news, in the briefing language', () => {
    const arabic = visibleTexts(renderTelegram(briefing({ items: [] })));
    expect(arabic).toHaveLength(1);
    expect(arabic[0]).toContain('لا أخبار في هذه الفترة.');
    expect(visibleTexts(renderTelegram(englishBriefing({ items: [] })))[0]).toContain('No news in this period.');
  });

  it('given a missing title and an empty headline, then translated fallbacks are shown', () => {
    const [text] = visibleTexts(renderTelegram(englishBriefing({ title: '', items: [item({ headline: '   ', language: 'en' })] })));
    expect(text).toContain('News briefing');
    expect(text).toContain('1. Untitled story');
  });

  it('given maxItems, then the omitted items are counted, not silently dropped', () => {
    const texts = visibleTexts(renderTelegram(briefing({ items: manyItems(5, 100) }), { maxItems: 2 }));
    expect(texts.join('\n')).toContain('أخبار أخرى في هذه الفترة: 3');
    expect(texts.join('\n')).not.toContain('3. ');
  });
});

describe('renderTelegram: hostile text', () => {
  it.each([
    ['a script tag', '<script>alert("x")</script>'],
    ['an ampersand and angle brackets', 'Tom & Jerry <3 > 2'],
    ['something that looks like an entity', '&amp; &lt;b&gt; &#65;'],
    ['a Telegram tag', '<b>bold</b> <a href="https://evil.example">x</a>'],
  ])('given a headline with %s, then it is shown literally', (_, headline) => {
    const messages = renderTelegram(englishBriefing({ items: [item({ headline, language: 'en' })] }));
    expectAllValid(messages);
    expect(unmarked(visibleTexts(messages)[0]!)).toContain(headline);
  });

  it('given a javascript: source URL, then the source is text, not a link', () => {
    const messages = renderTelegram(briefing({ items: [item({ sources: [{ name: 'Evil', url: 'javascript:alert(1)' }] })] }));
    expectAllValid(messages);
    expect(messages[0]!.text).not.toContain('javascript');
    expect(parseTelegramHtml(messages[0]!.text).entities.filter((e) => e.type === 'text_link')).toEqual([]);
    expect(visibleTexts(messages)[0]).toContain('Evil');
  });

  it('given duplicate source URLs, then the source is listed once', () => {
    const url = 'https://www.al-madina.com/article/1';
    const messages = renderTelegram(briefing({ items: [item({ sources: [{ name: 'المدينة', url }, { name: 'المدينة (نسخة)', url }] })] }));
    expect(messages[0]!.text.split(url)).toHaveLength(2);
  });

  it('given @mentions and /commands in article text, then they no longer parse as mentions or commands', () => {
    expect(defuseTelegramText('ask @someone or /start, mail a@b.com, see 1/2')).toBe('ask @\u2060someone or /\u2060start, mail a@b.com, see 1/2');
  });

  it('given a URL inside Arabic article text, then no mark or joiner is inserted inside it', () => {
    const url = 'https://www.al-madina.com/news/2026/11/28/iraq?id=5&lang=ar';
    const html = renderTelegram(briefing({ items: [item({ summary: [`التفاصيل على ${url} كما ذكرت @Reuters`] })] }))[0]!.text;
    expect(html).toContain(url.replace('&', '&amp;'));
    expect(html).toContain('@\u2060Reuters');
  });

  it('given feed bidi controls, then only the renderer marks remain and every Arabic line starts with RLM', () => {
    const messages = renderTelegram(briefing({ items: [item({ headline: '\u202Eevil override\u202C العراق \u2067x\u2069' })] }));
    const html = messages[0]!.text;
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u061C]/);
    for (const line of parseTelegramHtml(html).text.split('\n').filter((l) => l.length > 0)) expect(line.startsWith(RLM)).toBe(true);
  });
});

describe('renderTelegram: limits and splitting', () => {
  it('given a briefing longer than one message, then it is split between items and every part is labelled', () => {
    const messages = renderTelegram(briefing({ items: manyItems(30, 800) }));
    expect(messages.length).toBeGreaterThan(3);
    expectAllValid(messages);
    const texts = visibleTexts(messages);
    texts.forEach((text, index) => expect(text).toContain(`(${index + 1}/${messages.length})`));
    const numbers = texts.flatMap((text) => [...text.matchAll(/^\u200F(\d+)\. /gm)].map((m) => Number(m[1])));
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('given an item longer than a message, then it is cut at a word boundary with a linked "shortened" marker', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `كلمة${i}`).join(' ');
    const messages = renderTelegram(briefing({ items: [item({ summary: [words] })] }));
    expect(messages).toHaveLength(1);
    expectAllValid(messages);
    const parsed = parseTelegramHtml(messages[0]!.text);
    expect(parsed.text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(parsed.text).toMatch(/كلمة\d+… \u200F?مختصر — اقرأ المقال كاملًا/);
    const marker = parsed.entities.find((e) => e.type === 'text_link' && parsed.text.slice(e.offset, e.offset + e.length).includes('مختصر'));
    expect(marker?.url).toBe('https://www.al-madina.com/article/1');
    expect(parsed.text).toContain('المصادر: المدينة');
  });

  it('given a 10,000-character single sentence without spaces, then the message is still valid and says it was shortened', () => {
    const messages = renderTelegram(englishBriefing({ items: [item({ summary: ['x'.repeat(10_000)], language: 'en' })] }));
    expectAllValid(messages);
    expect(visibleTexts(messages)[0]).toContain('shortened — read the full article');
  });

  it('given thousands of emoji, then no surrogate pair is split anywhere', () => {
    const messages = renderTelegram(englishBriefing({ items: [item({ summary: ['👍🏽🇮🇶'.repeat(3000)], language: 'en' })] }));
    expectAllValid(messages);
  });

  it('given many items with many sources, then no message exceeds 100 entities and each item links at most 10 sources', () => {
    const sources = Array.from({ length: 40 }, (_, i) => ({ name: `Outlet ${i}`, url: `https://outlet${i}.example/a` }));
    const messages = renderTelegram(briefing({ items: manyItems(20, 50).map((it) => ({ ...it, sources })) }));
    expectAllValid(messages);
    for (const message of messages) expect(telegramEntityCount(message.text)).toBeLessThanOrEqual(TELEGRAM_MAX_ENTITIES);
    expect(visibleTexts(messages)[0]).toContain('و30 غيرها');
  });

  it('given very long source URLs, then the link budget per message holds', () => {
    const sources = Array.from({ length: 10 }, (_, i) => ({ name: `Outlet ${i}`, url: `https://outlet${i}.example/${'%D8%A7'.repeat(300)}` }));
    const messages = renderTelegram(briefing({ items: manyItems(5, 50).map((it) => ({ ...it, sources })) }));
    expectAllValid(messages);
    for (const message of messages) expect(telegramLinkUrlLength(message.text)).toBeLessThanOrEqual(8000);
  });
});

describe('renderTelegramPlain: the no-entities fallback', () => {
  it('given a briefing, then the text has no tags, writes URLs out and stays within the limit', () => {
    const messages = renderTelegramPlain(briefing({ items: [item({ headline: 'a <b>tag</b> & more' }), ...manyItems(20, 600)] }));
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(message).not.toHaveProperty('parse_mode');
      expect(message.link_preview_options).toEqual({ is_disabled: true });
    }
    expect(unmarked(messages[0]!.text)).toContain('a <b>tag</b> & more');
    expect(messages[0]!.text).toContain('https://www.al-madina.com/article/1');
  });
});

describeWithShared('news-sample', 'renderTelegram on the news sample', () => {
  const sample = newsSampleBriefing(10);
  const messages = renderTelegram(sample);

  it('every message is valid Telegram HTML within the limits', () => {
    expectAllValid(messages);
  });

  it('every item appears once, in order, with all of its sources linked', () => {
    const texts = visibleTexts(messages).map(unmarked);
    const all = texts.join('\n');
    sample.items.forEach((it, index) => {
      expect(texts.filter((text) => text.includes(`${index + 1}. ${it.headline}`))).toHaveLength(1);
    });
    const links = messages.flatMap((m) => parseTelegramHtml(m.text).entities.filter((e) => e.type === 'text_link').map((e) => e.url));
    for (const source of sample.items.flatMap((it) => it.sources)) expect(links).toContain(new URL(source.url!).href);
    expect(all).not.toContain('مختصر');
  });
});
