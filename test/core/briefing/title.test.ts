import { describe, expect, it } from 'vitest';
import { briefingTitle, formatPeriod, topicDisplayName } from '../../../src/core/briefing/title.ts';

const names = { en: 'Iraq–US relations', ar: 'العلاقات العراقية الأمريكية' };
const day = { from: '2026-11-28T00:00:00Z', to: '2026-11-29T00:00:00Z' };

describe('briefingTitle', () => {
  it.each([
    ['English, one day (the end is exclusive)', 'en', day, 'UTC', 'Iraq–US relations — 28 Nov 2026'],
    ['Arabic, one day, Arabic month and Latin digits', 'ar', day, 'UTC', 'العلاقات العراقية الأمريكية — 28 نوفمبر 2026'],
    ['English, two days share month and year', 'en', { from: '2026-11-27T00:00:00Z', to: '2026-11-29T00:00:00Z' }, 'UTC', 'Iraq–US relations — 27 – 28 Nov 2026'],
    ['Arabic, across a year end', 'ar', { from: '2026-12-30T00:00:00Z', to: '2027-01-02T00:00:00Z' }, 'UTC', 'العلاقات العراقية الأمريكية — 30 ديسمبر 2026 – 1 يناير 2027'],
    ['the time zone decides the day: 22:00 UTC is the next day in Baghdad', 'en', { from: '2026-11-28T22:00:00Z', to: '2026-11-28T23:00:00Z' }, 'Asia/Baghdad', 'Iraq–US relations — 29 Nov 2026'],
    ['an unknown time zone falls back to UTC', 'en', { from: '2026-11-28T22:00:00Z', to: '2026-11-28T23:00:00Z' }, 'Mars/Olympus', 'Iraq–US relations — 28 Nov 2026'],
  ] as const)('%s', (_name, language, period, timeZone, expected) => {
    expect(briefingTitle({ language, topicName: names, period, timeZone })).toBe(expected);
  });

  it('given no topic, then the title says "top stories" in the briefing language', () => {
    expect(briefingTitle({ language: 'en', period: day })).toBe('Top stories — 28 Nov 2026');
    expect(briefingTitle({ language: 'ar', period: day })).toBe('أبرز الأخبار — 28 نوفمبر 2026');
  });

  it('given an empty period (from equals to), then it is titled by that day', () => {
    expect(formatPeriod({ from: '2026-11-28T10:00:00Z', to: '2026-11-28T10:00:00Z' }, 'en')).toBe('28 Nov 2026');
  });

  it('given dates that do not parse or run backwards, then a RangeError names the field', () => {
    expect(() => formatPeriod({ from: 'yesterday', to: day.to }, 'en')).toThrow(/period\.from/);
    expect(() => formatPeriod({ from: day.to, to: day.from }, 'en')).toThrow(/before/);
  });

  it('never carries ICU direction marks or narrow spaces into the title', () => {
    const title = briefingTitle({ language: 'ar', topicName: names, period: { from: '2026-11-27T00:00:00Z', to: '2026-12-02T00:00:00Z' } });
    expect(title).not.toMatch(/[\u200E\u200F\u061C\u2009\u202F]/);
  });
});

describe('topicDisplayName', () => {
  it.each([
    ['the briefing language', 'ar', names, 'x', 'العلاقات العراقية الأمريكية'],
    ['the other language when one is missing', 'ar', { en: 'Iraq–US relations' }, 'x', 'Iraq–US relations'],
    ['the id when no name is given', 'en', { en: '  ' }, 'iraq-us', 'iraq-us'],
    ['"top stories" without a topic', 'en', undefined, undefined, 'Top stories'],
  ] as const)('falls back to %s', (_name, language, topicName, topicId, expected) => {
    expect(topicDisplayName(language, topicName, topicId)).toBe(expected);
  });
});
