import { describe, expect, it } from 'vitest';
import type { TopicCatalog, TopicInfo } from '../../src/commands/context.ts';
import { MAX_SUGGESTIONS, suggest } from '../../src/commands/autocomplete.ts';

const TOPICS: TopicInfo[] = [
  { id: 'iran', name: { en: 'Iran', ar: 'إيران' }, description: { en: '', ar: '' } },
  { id: 'iraq-us-relations', name: { en: 'Iraq–US relations', ar: 'العلاقات العراقية الأمريكية' }, description: { en: '', ar: '' } },
  { id: 'us-foreign-policy', name: { en: 'US foreign policy', ar: 'السياسة الخارجية الأمريكية' }, description: { en: '', ar: '' } },
];
const topics: TopicCatalog = { list: () => TOPICS, get: (id) => TOPICS.find((topic) => topic.id === id) };

describe('suggest', () => {
  it.each([
    ['', 'en', ['iran', 'iraq-us-relations', 'us-foreign-policy']],
    ['ira', 'en', ['iran', 'iraq-us-relations']],
    ['us', 'en', ['iraq-us-relations', 'us-foreign-policy']],
    ['IRAQ', 'en', ['iraq-us-relations']],
    ['الامريكيه', 'ar', ['iraq-us-relations', 'us-foreign-policy']],
    ['mars', 'en', []],
  ] as const)('topics for %j', (typed, language, ids) => {
    expect(suggest('topic', typed, { topics, language }).map((s) => s.value)).toEqual(ids);
  });

  it('names topics in the user language', () => {
    expect(suggest('topic', 'iran', { topics, language: 'ar' })).toEqual([{ name: 'إيران', value: 'iran' }]);
  });

  it('suggests IANA zones by any part of their name, at most 25', () => {
    expect(suggest('timezone', 'baghdad', { topics, language: 'en' })).toEqual([{ name: 'Asia/Baghdad', value: 'Asia/Baghdad' }]);
    expect(suggest('timezone', 'riy', { topics, language: 'en' }).map((s) => s.value)).toContain('Asia/Riyadh');
    expect(suggest('timezone', 'america', { topics, language: 'en' })).toHaveLength(MAX_SUGGESTIONS);
  });
});
