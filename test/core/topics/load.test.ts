import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTopicsDir, formatTopicErrors, loadTopics, loadTopicsStrict, TopicLoadError } from '../../../src/core/topics/load.ts';
import { validateTopic } from '../../../src/core/topics/schema.ts';

const valid = {
  id: 'iran',
  name: { ar: 'إيران', en: 'Iran' },
  description: { ar: 'أخبار إيران', en: 'News about Iran' },
  titleBoost: 3,
  minScore: 2,
  groups: [{ name: 'iran', terms: ['إيران', { term: 'طهران', weight: 1.5 }] }],
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowjaz-topics-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, data: unknown): Promise<void> {
  await writeFile(join(dir, name), typeof data === 'string' ? data : JSON.stringify(data));
}

describe('validateTopic names the field that is wrong', () => {
  it.each([
    ['an id with capitals', { ...valid, id: 'Iran_News' }, 'id', 'kebab-case'],
    ['an id longer than 32 characters', { ...valid, id: 'a'.repeat(33) }, 'id', 'at most 32'],
    ['a missing English name', { ...valid, name: { ar: 'إيران' } }, 'name.en', ''],
    ['a two-line description', { ...valid, description: { ar: 'سطر', en: 'one\ntwo' } }, 'description.en', 'single line'],
    ['no groups', { ...valid, groups: [] }, 'groups', 'at least one group'],
    ['a group without terms', { ...valid, groups: [{ name: 'iran', terms: [] }] }, 'groups.0.terms', 'at least one term'],
    ['a negative weight', { ...valid, groups: [{ name: 'iran', terms: [{ term: 'إيران', weight: -1 }] }] }, 'groups.0.terms.0.weight', 'greater than 0'],
    ['a too-short prefix', { ...valid, groups: [{ name: 'iran', terms: ['إيران', 'اي*'] }] }, 'groups.0.terms.1', 'shorter than 3'],
    ['a number as a term', { ...valid, groups: [{ name: 'iran', terms: [7] }] }, 'groups.0.terms.0', 'term string'],
    ['duplicate group names', { ...valid, groups: [valid.groups[0], valid.groups[0]] }, 'groups.1.name', 'duplicate group'],
    ['an exclusion without a reason', { ...valid, exclusions: [{ terms: ['مباراة'] }] }, 'exclusions.0.why', ''],
    ['an unknown field', { ...valid, minscore: 3 }, '(file)', 'minscore'],
    ['a titleBoost below 1', { ...valid, titleBoost: 0.5 }, 'titleBoost', 'at least 1'],
  ])('%s → %s', (_name, data, field, message) => {
    const result = validateTopic(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field)).toContain(field);
    expect(result.issues.find((i) => i.field === field)!.message).toContain(message);
  });

  it('accepts a minimal topic', () => {
    expect(validateTopic(valid).ok).toBe(true);
  });
});

describe('loadTopics', () => {
  it('given good and bad files, then returns the good topics and one error per bad file naming file and field', async () => {
    await put('iran.json', valid);
    await put('syria.json', { ...valid, id: 'syria', groups: [{ name: 'syria', terms: ['سوريا'] }] });
    await put('broken.json', '{ "id": "broken", ');
    await put('bad-weight.json', { ...valid, id: 'bad-weight', groups: [{ name: 'g', terms: [{ term: 'x', weight: 0 }] }] });
    await put('notes.txt', 'not a topic');

    const { topics, errors } = await loadTopics(dir);
    expect(topics.map((t) => t.id)).toEqual(['iran', 'syria']);
    expect(errors.map((e) => e.file)).toEqual(['bad-weight.json', 'broken.json']);
    const lines = formatTopicErrors(errors);
    expect(lines[0]).toBe('bad-weight.json: groups.0.terms.0.weight: must be greater than 0');
    expect(lines[1]).toMatch(/^broken\.json: \(file\): not valid JSON/);
  });

  it('given two files with the same id, then the first file keeps it and the second is refused', async () => {
    await put('a-iran.json', valid);
    await put('b-iran.json', valid);
    const { topics, errors } = await loadTopics(dir);
    expect(topics).toHaveLength(1);
    expect(formatTopicErrors(errors)).toEqual(['b-iran.json: id: duplicate id "iran", already defined by a-iran.json']);
  });

  it('given an empty directory, then there are no topics and no errors', async () => {
    expect(await loadTopics(dir)).toEqual({ topics: [], errors: [] });
  });

  it('given a directory that does not exist, then it throws the file system error', async () => {
    await expect(loadTopics(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('loadTopicsStrict throws one error listing every problem', async () => {
    await put('iran.json', valid);
    await mkdir(join(dir, 'sub'));
    await put('x.json', { ...valid, id: 'X' });
    await put('y.json', { ...valid, id: 'y', titleBoost: 0 });
    const error = await loadTopicsStrict(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopicLoadError);
    expect((error as Error).message).toContain('x.json: id:');
    expect((error as Error).message).toContain('y.json: titleBoost:');
  });

  it('the default directory holds the shipped topics, all valid', async () => {
    const { topics, errors } = await loadTopics();
    expect(defaultTopicsDir).toMatch(/content[\\/]topics$/);
    expect(errors).toEqual([]);
    expect(topics.map((t) => t.id)).toContain('iraq-us-relations');
  });
});
