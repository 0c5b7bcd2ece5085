import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { defuseDiscordMentions, escapeDiscordMarkdown } from '../../../src/core/render/discord-markdown.ts';
import { discordEmbedLength, renderDiscord, type DiscordMessage } from '../../../src/core/render/discord.ts';
import { newsSampleBriefing } from '../../support/briefing-fixtures.ts';
import { discordMessageProblems, maskedLinkTargets } from '../../support/discord-payload.ts';
import { describeWithShared } from '../../support/shared.ts';
import { briefing, englishBriefing, item, manyItems } from './builders.ts';

function expectAllValid(messages: DiscordMessage[]): void {
  for (const message of messages) expect(discordMessageProblems(message)).toEqual([]);
}

/** Text as read, without the renderer's own invisible marks. */
function unmarked(text: string | undefined): string {
  return (text ?? '').replace(/[\u200E\u200F\u2060\u2066-\u2069]/g, '');
}

describe('escapeDiscordMarkdown', () => {
  it.each([
    ['bold', '**bold**', '\\*\\*bold\\*\\*'],
    ['italic underscores', '_it_ and snake_case', '\\_it\\_ and snake\\_case'],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['inline code', '`code`', '\\`code\\`'],
    ['spoiler', '||secret||', '\\|\\|secret\\|\\|'],
    ['a masked link', '[click](https://evil.example)', '\\[click\\](<https://evil.example>)'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['a quote at line start', '> quoted', '\\> quoted'],
    ['a block quote at line start', '>>> all of it', '\\>>> all of it'],
    ['a heading at line start', '# Big', '\\# Big'],
    ['a subheading', '### Smaller', '\\### Smaller'],
    ['subtext', '-# tiny', '\\-# tiny'],
    ['a list item', '- item', '\\- item'],
    ['a numbered list item', '1. first', '1\\. first'],
    ['a greater-than sign inside a line', 'a > b', 'a > b'],
    ['a hash inside a line', 'issue #5', 'issue #5'],
  ])('escapes %s', (_, raw, expected) => {
    expect(escapeDiscordMarkdown(raw)).toBe(expected);
  });

  it('keeps URLs intact in the <…> autolink form, trailing punctuation outside and escaped', () => {
    expect(escapeDiscordMarkdown('see https://example.com/a_b*c')).toBe('see <https://example.com/a_b*c>');
    expect(escapeDiscordMarkdown('(https://example.com/a_b]).')).toBe('(<https://example.com/a_b>\\]).');
    expect(escapeDiscordMarkdown('https://a.example/x[y](https://evil.example)')).toBe('<https://a.example/x>\\[y\\](<https://evil.example>)');
    expect(escapeDiscordMarkdown('label https://a.example/x_y', { urls: 'plain' })).toBe('label https://a.example/x\\_y');
    expect(escapeDiscordMarkdown('https://example.com/@everyone')).toBe('<https://example.com/@\u2060everyone>');
  });
});

describe('defuseDiscordMentions', () => {
  it.each([
    ['@everyone', '@\u2060everyone'],
    ['@here', '@\u2060here'],
    ['@EVERYONE', '@\u2060EVERYONE'],
    ['<@123>', '<\u2060@123>'],
    ['<@!123>', '<\u2060@!123>'],
    ['<@&123>', '<\u2060@&123>'],
    ['<#123>', '<\u2060#123>'],
    ['</cmd:123>', '<\u2060/cmd:123>'],
    ['<t:1700000000:R>', '<\u2060t:1700000000:R>'],
    ['<:emoji:123>', '<\u2060:emoji:123>'],
    ['a@b.com', 'a@b.com'],
  ])('defuses %s', (raw, expected) => {
    expect(defuseDiscordMentions(raw)).toBe(expected);
  });
});

describe('renderDiscord', () => {
  it('given a one-item briefing, then the title is in content and the item is one embed with sources, why and time', () => {
    const [message, ...rest] = renderDiscord(englishBriefing());
    expect(rest).toEqual([]);
    expectAllValid([message!]);
    expect(unmarked(message!.content)).toBe('**Iraq–US relations — 27–28 Nov 2026**');
    const embed = message!.embeds![0]!;
    expect(unmarked(embed.title)).toBe('1. Iraq asks the US for a new round of strategic dialogue');
    expect(embed.url).toBe('https://www.reuters.com/world/iraq-us-1');
    expect(embed.timestamp).toBe('2026-11-28T09:00:00.000Z');
    expect(unmarked(embed.description)).toBe('Baghdad has asked Washington for a new round of talks on the withdrawal. The request comes as US troops leave.');
    expect(embed.fields?.map((f) => [unmarked(f.name), unmarked(f.value)])).toEqual([
      ['Sources', '[Reuters](https://www.reuters.com/world/iraq-us-1)'],
      ['Why', 'Iraq, Washington'],
    ]);
    expect(unmarked(embed.footer?.text)).toBe('28 Nov 2026, 09:00 UTC');
  });

  it('the body type-checks as a discord-api-types Create Message body', () => {
    const bodies: RESTPostAPIChannelMessageJSONBody[] = renderDiscord(briefing());
    expect(bodies[0]!.allowed_mentions).toEqual({ parse: [] });
  });

  it('given hostile text everywhere, then no mention renders, markdown is inert and every limit holds', () => {
    const hostile = item({
      headline: '@everyone **FREE** <@123> [x](https://evil.example) # now',
      summary: ['> quote <@&456> <#789> ||spoiler|| `code` @here', '# heading'],
      sources: [
        { name: '@here [news](https://evil.example)', url: 'javascript:alert(1)' },
        { name: 'Fine', url: 'https://example.com/a_(b)' },
      ],
      matchedTerms: ['@everyone', '*term*'],
    });
    const messages = renderDiscord(briefing({ title: '@everyone <@1>', items: [hostile] }));
    expectAllValid(messages);
    const embed = messages[0]!.embeds![0]!;
    expect(embed.url).toBe('https://example.com/a_(b)');
    expect(maskedLinkTargets(embed.fields![0]!.value)).toEqual(['https://example.com/a_%28b%29']);
    expect(embed.fields![0]!.value).toContain('\\[news\\](<https://evil.example>)');
    expect(unmarked(embed.description)).toContain('\\> quote <@&456> <#789> \\|\\|spoiler\\|\\| \\`code\\` @here');
  });

  it('given more than ten items, then embeds are split over several messages with part labels', () => {
    const messages = renderDiscord(briefing({ items: manyItems(25, 100) }));
    expect(messages).toHaveLength(3);
    expectAllValid(messages);
    expect(messages.map((m) => m.embeds?.length)).toEqual([10, 10, 5]);
    messages.forEach((m, i) => expect(unmarked(m.content)).toContain(`(${i + 1}/3)`));
  });

  it('given items near the description limit, then no message carries more than 6000 characters of embeds', () => {
    const messages = renderDiscord(briefing({ items: manyItems(6, 3000) }));
    expectAllValid(messages);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) expect(m.embeds!.reduce((sum, e) => sum + discordEmbedLength(e), 0)).toBeLessThanOrEqual(6000);
  });

  it('given an item longer than an embed, then the description is cut with a linked "shortened" marker', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const messages = renderDiscord(englishBriefing({ items: [item({ summary: [words], language: 'en', sources: [{ name: 'Reuters', url: 'https://r.example/a' }] })] }));
    expectAllValid(messages);
    const description = unmarked(messages[0]!.embeds![0]!.description);
    expect(description).toMatch(/word\d+… \*\[shortened — read the full article\]\(https:\/\/r\.example\/a\)\*$/);
  });

  it('given a 300-character headline, then the title is cut to 256 and the item is marked shortened', () => {
    const messages = renderDiscord(englishBriefing({ items: [item({ headline: 'Headline word '.repeat(25), language: 'en' })] }));
    expectAllValid(messages);
    const embed = messages[0]!.embeds![0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(unmarked(embed.title)).toMatch(/…$/);
    expect(unmarked(embed.description)).toContain('shortened — read the full article');
  });

  it('given dozens of sources, then they fill at most three "Sources" fields and the rest are counted', () => {
    const sources = Array.from({ length: 60 }, (_, i) => ({ name: `Outlet number ${i}`, url: `https://outlet${i}.example/story/${i}` }));
    const messages = renderDiscord(englishBriefing({ items: [item({ sources, language: 'en' })] }));
    expectAllValid(messages);
    const fields = messages[0]!.embeds![0]!.fields!.filter((f) => unmarked(f.name) === 'Sources');
    expect(fields.length).toBeGreaterThan(1);
    expect(fields.length).toBeLessThanOrEqual(3);
    const listed = fields.flatMap((f) => maskedLinkTargets(f.value)).length;
    expect(unmarked(fields.at(-1)!.value)).toMatch(new RegExp(`\\+${60 - listed} more$`));
  });

  it('given an empty briefing, then one message without embeds says there is no news', () => {
    const messages = renderDiscord(briefing({ items: [] }));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.embeds).toBeUndefined();
    expect(unmarked(messages[0]!.content)).toContain('لا أخبار في هذه الفترة.');
    expectAllValid(messages);
  });

  it('given a URL inside Arabic article text, then it is one autolink isolated as a whole', () => {
    const messages = renderDiscord(briefing({ items: [item({ summary: ['التفاصيل على https://example.com/a_b?x=1 اليوم'] })] }));
    expect(messages[0]!.embeds![0]!.description).toBe('\u200FالتفاصيL على \u2066<https://example.com/a_b?x=1>\u2069 اليوم'.replace('L', 'ل'));
  });

  it('given an Arabic briefing, then isolates keep Latin names in order and every line starts with RLM', () => {
    const messages = renderDiscord(briefing({ items: [item({ headline: 'قال مسؤول لـ CNN، 3 مرات' })] }));
    const title = messages[0]!.embeds![0]!.title!;
    expect(title).toBe('\u200F1. قال مسؤول لـ \u2066CNN\u2069، 3 مرات');
    expect(messages[0]!.content!.split('\n').every((line) => line.startsWith('\u200F'))).toBe(true);
  });
});

describeWithShared('news-sample', 'renderDiscord on the news sample', () => {
  it('ten items fit in valid messages, one embed per item with every source linked', () => {
    const sample = newsSampleBriefing(10);
    const messages = renderDiscord(sample);
    expectAllValid(messages);
    const embeds = messages.flatMap((m) => m.embeds ?? []);
    expect(embeds).toHaveLength(sample.items.length);
    const targets = embeds.flatMap((e) => (e.fields ?? []).flatMap((f) => maskedLinkTargets(f.value)));
    for (const source of sample.items.flatMap((it) => it.sources)) expect(targets).toContain(new URL(source.url!).href.replace(/[()]/g, encodeURIComponent));
  });
});
