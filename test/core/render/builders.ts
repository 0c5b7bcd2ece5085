/** Small briefings built in tests, each field overridable. */
import type { Briefing, BriefingItem } from '../../../src/core/types.ts';

export function item(overrides: Partial<BriefingItem> = {}): BriefingItem {
  return {
    id: 'story-1',
    headline: 'العراق يطالب أمريكا بحوار استراتيجي',
    summary: [
      'أفادت مصادر بأن بغداد طلبت جولة حوار استراتيجي جديدة مع واشنطن بشأن الانسحاب الأمريكي.',
      'وأفاد مصدر مطلع بأن العراق طلب إجراء الحوار بالتزامن مع موجة انسحاب جديدة للقوات الأمريكية.',
    ],
    sources: [{ name: 'المدينة', url: 'https://www.al-madina.com/article/1', publishedAt: '2026-11-28T09:00:00Z' }],
    matchedTerms: ['العراق', 'واشنطن'],
    score: 3,
    publishedAt: '2026-11-28T09:00:00Z',
    language: 'ar',
    ...overrides,
  };
}

export function briefing(overrides: Partial<Briefing> = {}): Briefing {
  return {
    language: 'ar',
    direction: 'rtl',
    title: 'العلاقات العراقية الأمريكية — 27–28 نوفمبر 2026',
    topicId: 'iraq-us-relations',
    period: { from: '2026-11-27T08:00:00Z', to: '2026-11-28T08:00:00Z' },
    items: [item()],
    ...overrides,
  };
}

export function englishBriefing(overrides: Partial<Briefing> = {}): Briefing {
  return briefing({
    language: 'en',
    direction: 'ltr',
    title: 'Iraq–US relations — 27–28 Nov 2026',
    items: [
      item({
        headline: 'Iraq asks the US for a new round of strategic dialogue',
        summary: ['Baghdad has asked Washington for a new round of talks on the withdrawal.', 'The request comes as US troops leave.'],
        sources: [{ name: 'Reuters', url: 'https://www.reuters.com/world/iraq-us-1' }],
        matchedTerms: ['Iraq', 'Washington'],
        language: 'en',
      }),
    ],
    ...overrides,
  });
}

/** `count` items, each with a summary of roughly `summaryLength` characters. */
export function manyItems(count: number, summaryLength = 600): BriefingItem[] {
  const sentence = 'وأفاد مصدر مطلع بأن العراق طلب من الولايات المتحدة إجراء الحوار بالتزامن مع موجة انسحاب جديدة. ';
  return Array.from({ length: count }, (_, i) =>
    item({
      id: `story-${i + 1}`,
      headline: `الخبر رقم ${i + 1}: جولة حوار جديدة بين بغداد وواشنطن`,
      summary: [sentence.repeat(Math.max(1, Math.ceil(summaryLength / sentence.length))).trim()],
      sources: [
        { name: 'المدينة', url: `https://www.al-madina.com/article/${i + 1}` },
        { name: 'Sky News Arabia', url: `https://www.skynewsarabia.com/middle-east/${i + 1}` },
      ],
    }),
  );
}
