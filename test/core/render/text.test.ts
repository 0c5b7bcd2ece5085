import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/core/render/text.ts';
import { briefing, englishBriefing, item } from './builders.ts';

describe('renderText', () => {
  it('given an English briefing, then it reads as plain text with links written out', () => {
    expect(renderText(englishBriefing(), { bidi: 'none' })).toBe(
      [
        'Iraq–US relations — 27–28 Nov 2026',
        '',
        '1. Iraq asks the US for a new round of strategic dialogue',
        'Baghdad has asked Washington for a new round of talks on the withdrawal. The request comes as US troops leave.',
        'Sources: Reuters (https://www.reuters.com/world/iraq-us-1) — 28 Nov 2026, 09:00 UTC',
        'Why: Iraq, Washington',
        '',
      ].join('\n'),
    );
  });

  it('given an Arabic briefing, then every line starts with RLM and the UI words are Arabic', () => {
    const lines = renderText(briefing()).trimEnd().split('\n').filter((line) => line.length > 0);
    for (const line of lines) expect(line.startsWith('\u200F')).toBe(true);
    expect(lines.some((line) => line.includes('المصادر: المدينة'))).toBe(true);
  });

  it('given an absurdly long sentence, then it is capped with the shortened marker and source link', () => {
    const text = renderText(englishBriefing({ items: [item({ summary: ['word '.repeat(5000)], language: 'en' })] }), { bidi: 'none' });
    expect(text.length).toBeLessThan(10_000);
    expect(text).toMatch(/word… shortened — read the full article \(https:\/\/www\.al-madina\.com\/article\/1\)/);
  });

  it('given control characters and bidi overrides, then none reach the console', () => {
    const text = renderText(englishBriefing({ items: [item({ headline: 'red\u001B[31m \u202Eevil\u202C', language: 'en' })] }), { bidi: 'none' });
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
    expect(text).toContain('1. red[31m evil');
  });

  it('given no items, then it says so', () => {
    expect(renderText(englishBriefing({ items: [] }), { bidi: 'none' })).toContain('No news in this period.');
  });
});
