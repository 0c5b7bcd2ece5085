import { describe, expect, it } from 'vitest';
import { briefingReply, textReply, type Reply } from '../../../src/commands/reply.ts';
import { commandOfButton, replyPayloads, splitContent } from '../../../src/adapters/discord/reply-payloads.ts';
import { messageBodyOf, plainTextOf } from '../../../src/adapters/discord/delivery.ts';
import { discordMessageProblems } from '../../support/discord-payload.ts';
import { hostileBriefing } from '../../support/briefing-fixtures.ts';
import { englishBriefing, manyItems } from '../../core/render/builders.ts';
import { messageProblems } from '../../fakes/discord/message-rules.ts';

const ZONE = { timeZone: 'Asia/Baghdad' };

describe('replyPayloads', () => {
  it('given a text reply then one plain message with mentions disabled', () => {
    expect(replyPayloads(textReply('Subscribed to Iraq–US relations.'), ZONE)).toEqual([{ content: 'Subscribed to Iraq–US relations.', allowed_mentions: { parse: [] } }]);
  });

  it('given consecutive text parts then they read as one message, a briefing after them as its own messages', () => {
    const reply = briefingReply(englishBriefing(), { intro: 'Digest preview:' });
    const payloads = replyPayloads({ ...reply, parts: [{ kind: 'text', text: 'Line one' }, ...reply.parts] }, ZONE);
    expect(payloads[0]).toEqual({ content: 'Line one\n\nDigest preview:', allowed_mentions: { parse: [] } });
    expect(payloads[1]?.embeds?.length).toBeGreaterThan(0);
  });

  it('given a long text then pieces of at most 2000 characters, cut between lines', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `• topic-${i}: a line of description that takes some room`);
    const payloads = replyPayloads(textReply(lines.join('\n')), ZONE);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) {
      expect(payload.content?.length).toBeLessThanOrEqual(2000);
      expect(payload.content?.startsWith('• ')).toBe(true);
    }
    expect(payloads.map((payload) => payload.content).join('\n')).toBe(lines.join('\n'));
  });

  it('given a briefing of many long items then every message passes Discord\'s limits and the product\'s rules', () => {
    const payloads = replyPayloads(briefingReply(englishBriefing({ items: manyItems(25, 2000) })), ZONE);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) {
      expect(messageProblems(payload, 'interaction')).toEqual([]);
      expect(discordMessageProblems(payload)).toEqual([]);
    }
  });

  it('given a hostile briefing then nothing it quotes can ping or break the limits', () => {
    for (const payload of replyPayloads(briefingReply(hostileBriefing()), ZONE)) {
      expect(messageProblems(payload, 'interaction')).toEqual([]);
      expect(discordMessageProblems(payload)).toEqual([]);
    }
  });

  it('given choices then buttons under the last message, at most 5 per row, each running its command', () => {
    const choices = Array.from({ length: 7 }, (_, i) => ({ label: `Topic ${i}`, command: `/news topic-${i}` }));
    const reply: Reply = { ...textReply('Topics you can follow:'), choices: [...choices, { label: 'Too long', command: `/news ${'x'.repeat(120)}` }] };
    const [payload] = replyPayloads(reply, ZONE);
    expect(payload?.components?.map((row) => row.components.length)).toEqual([5, 2]);
    expect(payload?.components?.[0]?.components[0]).toEqual({ type: 2, style: 2, label: 'Topic 0', custom_id: 'run:/news topic-0' });
    expect(messageProblems(payload, 'interaction')).toEqual([]);
    expect(commandOfButton('run:/news topic-3')).toBe('/news topic-3');
    expect(commandOfButton('something-else')).toBeNull();
  });
});

describe('splitContent', () => {
  it.each([
    ['short', 10, ['short']],
    ['aaaa bbbb cccc', 9, ['aaaa bbbb', 'cccc']],
    ['para one\n\npara two', 12, ['para one', 'para two']],
    ['abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['👍👍👍', 3, ['👍', '👍', '👍']],
  ])('splitContent(%j, %i) = %j', (text, limit, expected) => {
    expect(splitContent(text, limit)).toEqual(expected);
  });
});

describe('stored digest bodies', () => {
  it('keeps content, embeds and components, and forces mentions off', () => {
    expect(messageBodyOf({ content: 'hi @everyone', allowed_mentions: { parse: ['everyone'] }, extra: 1 })).toEqual({ content: 'hi @everyone', allowed_mentions: { parse: [] } });
    expect(messageBodyOf({ content: '  ' })).toBeNull();
    expect(messageBodyOf('text')).toBeNull();
  });

  it('falls back to plain content, within 2000 characters, only when there were embeds', () => {
    const [rendered] = replyPayloads(briefingReply(englishBriefing({ items: manyItems(3, 3000) })), ZONE);
    const plain = plainTextOf(rendered);
    expect(plain?.embeds).toBeUndefined();
    expect(plain?.content?.length).toBeLessThanOrEqual(2000);
    expect(plain?.content).toContain(rendered?.embeds?.[0]?.title ?? 'missing');
    expect(plainTextOf({ content: 'only text', allowed_mentions: { parse: [] } })).toBeNull();
  });
});
