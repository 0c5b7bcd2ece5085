import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { cleanPage } from '../../../src/core/clean/page-cleaner.ts';
import { loadTopicsStrict } from '../../../src/core/topics/load.ts';
import { compileTopic, matchTopic, type CompiledTopic } from '../../../src/core/topics/matcher.ts';
import { describeWithShared, sharedPath } from '../../support/shared.ts';

describeWithShared('seed', 'the seed article (Al-Madina, Iraq asks the US for a strategic dialogue)', () => {
  let topic: CompiledTopic;
  let raw: string;

  beforeAll(async () => {
    topic = compileTopic((await loadTopicsStrict()).find((t) => t.id === 'iraq-us-relations')!);
    raw = readFileSync(sharedPath('seed', 'al-madina-iraq-us-dialogue.txt'), 'utf8');
  });

  it('given the cleaned page, then it matches iraq-us-relations through both spellings الأمريكية and الأميركية', () => {
    const page = cleanPage(raw);
    const match = matchTopic(topic, { title: page.title, paragraphs: page.paragraphs });
    expect(match.matched).toBe(true);
    const terms = match.terms.map((t) => t.term);
    expect(terms.some((t) => t.includes('أمريكي'))).toBe(true);
    expect(terms.some((t) => t.includes('أميركي'))).toBe(true);
    expect(match.terms.find((t) => t.term === 'العراق')).toMatchObject({ inTitle: true });
  });

  it('given the raw scrape, line by line with its page furniture, then it still matches', () => {
    const lines = raw.split('\n').filter((line) => line.trim().length > 0);
    expect(matchTopic(topic, { title: '', paragraphs: lines }).matched).toBe(true);
  });
});
