import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, type CliRun } from '../support/cli.ts';
import type { DiscordMessage } from '../../src/core/render/discord.ts';
import type { TelegramMessage } from '../../src/core/render/telegram.ts';
import type { Briefing } from '../../src/core/types.ts';
import { discordMessageProblems } from '../support/discord-payload.ts';
import { repoRoot } from '../support/shared.ts';
import { parseTelegramHtml, telegramMessageProblems } from '../support/telegram-html.ts';

const run = (args: string[]) => runCliCaptured(['brief', ...args]);

/** The sample content shipped in the repository (news-sample extract and the Al-Madina page). */
const SAMPLE = join(repoRoot, 'content', 'articles');
const HELICOPTER_CRASH = 'سقوط طائرة عسكرية أميركية وعلى متنها جنود غرب العراق';

describe('mowjaz brief on the sample content', () => {
  let telegram: CliRun;
  let discord: CliRun;
  let english: CliRun;

  beforeAll(async () => {
    [telegram, discord, english] = await Promise.all([
      run([SAMPLE, '--topic', 'iraq-us-relations', '--format', 'telegram', '--json']),
      run([SAMPLE, '--topic', 'iraq-us-relations', '--format', 'discord', '--json']),
      run([SAMPLE, '--topic', 'iraq-us-relations', '--lang', 'en', '--max-items', '2']),
    ]);
  });

  it('--format telegram --json prints valid sendMessage bodies with the Iraq–US stories', () => {
    expect(telegram.code).toBe(0);
    const messages = JSON.parse(telegram.stdout) as TelegramMessage[];
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(Object.keys(message).sort()).toEqual(['link_preview_options', 'parse_mode', 'text']);
      expect(telegramMessageProblems(message.text)).toEqual([]);
      expect(message.link_preview_options).toEqual({ is_disabled: true });
    }
    const text = messages.map((m) => parseTelegramHtml(m.text).text).join('\n');
    expect(text).toContain('العلاقات العراقية الأمريكية');
    expect(text).toContain(HELICOPTER_CRASH);
    expect(text).toContain('المصادر:');
  });

  it('--format discord --json prints Create Message bodies within every limit', () => {
    expect(discord.code).toBe(0);
    const messages = JSON.parse(discord.stdout) as DiscordMessage[];
    for (const message of messages) expect(discordMessageProblems(message)).toEqual([]);
    expect(messages.flatMap((m) => m.embeds ?? []).some((e) => e.title?.includes(HELICOPTER_CRASH))).toBe(true);
  });

  it('the text format is readable on the console, in English when asked, limited by --max-items', () => {
    expect(english.code).toBe(0);
    expect(english.stdout).toMatch(/^Iraq–US relations — /);
    expect(english.stdout).toContain('Sources: ');
    expect(english.stdout).toMatch(/^\u200E?2\. /m);
    expect(english.stdout).not.toMatch(/^\u200E?3\. /m);
  });

  it('--json with the text format prints the platform-neutral briefing', async () => {
    const result = await run([join(SAMPLE, 'news-sample', 'CNN'), '--json', '--max-items', '1']);
    expect(result.code).toBe(0);
    const briefing = JSON.parse(result.stdout) as Briefing;
    expect(briefing).toMatchObject({ language: 'ar', direction: 'rtl' });
    expect(briefing.items).toHaveLength(1);
  });
});

describe('mowjaz brief: bad input', () => {
  it.each([
    ['an unknown topic', [SAMPLE, '--topic', 'atlantis'], 1, /^mowjaz brief: unknown topic "atlantis"; known topics: .*iraq-us-relations/],
    ['a bad format', [SAMPLE, '--format', 'pdf'], 2, /^mowjaz brief: --format must be text, telegram or discord \(got "pdf"\)$/],
    ['a bad language', [SAMPLE, '--lang', 'fr'], 2, /^mowjaz brief: --lang must be ar or en \(got "fr"\)$/],
    ['zero items', [SAMPLE, '--max-items', '0'], 2, /^mowjaz brief: --max-items must be a whole number from 1 to 50 \(got "0"\)$/],
    ['a non-numeric item count', [SAMPLE, '--max-items', 'ten'], 2, /^mowjaz brief: --max-items must be a whole number/],
    ['an unknown time zone', [SAMPLE, '--time-zone', 'Mars/Olympus'], 2, /^mowjaz brief: --time-zone "Mars\/Olympus" is not an IANA time zone/],
    ['an unknown flag', [SAMPLE, '--colour'], 2, /^mowjaz brief: Unknown option '--colour'/],
    ['no paths', [], 2, /^mowjaz brief: give at least one article file or folder/],
  ])('given %s, then one clear line on stderr and a non-zero exit', async (_, args, code, message) => {
    const result = await run(args as string[]);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd()).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('given a path that does not exist, then it says so and fails', async () => {
    const result = await run(['/no/such/folder']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mowjaz brief: /no/such/folder: no such file or folder');
    expect(result.stderr).toContain('mowjaz brief: no articles could be read from /no/such/folder');
  });
});
