import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.ts';

const run = (args: string[]) => runCliCaptured(args);

describe('mowjaz topics', () => {
  it('lists every shipped topic with its names in both languages and its description', async () => {
    const result = await run(['topics']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^iraq-us-relations\n {2}en: Iraq–US relations — .+\n {2}ar: العلاقات العراقية الأمريكية — .+$/m);
    for (const id of ['iran', 'syria', 'oil-energy', 'gulf-politics', 'us-foreign-policy']) {
      expect(result.stdout).toMatch(new RegExp(`^${id}$`, 'm'));
    }
  });

  it('given --json, then prints id, name and description of each topic', async () => {
    const result = await run(['topics', '--json']);
    const list = JSON.parse(result.stdout) as { id: string; name: { ar: string; en: string }; description: { ar: string; en: string } }[];
    expect(list.length).toBeGreaterThanOrEqual(6);
    for (const topic of list) {
      expect(Object.keys(topic).sort()).toEqual(['description', 'id', 'name']);
      expect(topic.id.length).toBeLessThanOrEqual(32);
      expect(topic.description.ar).not.toContain('\n');
    }
  });

  it('given a directory with a bad topic file, then lists the good ones, names the bad file and field, and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mowjaz-topics-cli-'));
    try {
      const good = {
        id: 'iran',
        name: { ar: 'إيران', en: 'Iran' },
        description: { ar: 'أخبار إيران', en: 'News about Iran' },
        titleBoost: 3,
        minScore: 2,
        groups: [{ name: 'iran', terms: ['إيران'] }],
      };
      await writeFile(join(dir, 'iran.json'), JSON.stringify(good));
      await writeFile(join(dir, 'syria.json'), JSON.stringify({ ...good, id: 'syria', description: { ar: 'سوريا' } }));
      const result = await run(['topics', '--topics-dir', dir]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^iran$/m);
      expect(result.stdout).not.toMatch(/^syria$/m);
      expect(result.stderr.trim()).toMatch(/^mowjaz topics: invalid topic file syria\.json: description\.en: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['an unexpected argument', ['topics', 'iran'], 2, /^mowjaz topics: unexpected argument "iran"/],
    ['an unknown flag', ['topics', '--all'], 2, /^mowjaz topics: Unknown option '--all'/],
    ['a missing directory', ['topics', '--topics-dir', 'no/such/dir'], 1, /^mowjaz topics: no topics directory at no\/such\/dir$/],
  ])('given %s, then one clear line on stderr and a non-zero exit', async (_name, args, code, message) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    expect(result.stderr.split('\n')[0]).toMatch(message);
  });

  it('given --help, then prints the usage and exits 0', async () => {
    const result = await run(['topics', '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^usage: mowjaz topics/);
  });
});
