import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCommandLine, ConsoleAdapter, exitCodeOf, PROMPT } from '../../../src/adapters/console/console-adapter.ts';
import { consoleBodyText, renderReplyText } from '../../../src/adapters/console/render-reply.ts';
import { renderText } from '../../../src/core/render/index.ts';
import type { Config } from '../../../src/config.ts';
import { loadConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { briefingsOf, createHarness, type Harness } from '../../command-defs/harness.ts';

let h: Harness;
let config: Config;
beforeAll(async () => {
  h = await createHarness();
  config = loadConfig({}, { cwd: '/tmp' });
});
afterAll(async () => {
  await h.close();
});

function consoleUnderTest() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => {
    written += chunk.toString('utf8');
  });
  const shutdowns: string[] = [];
  const adapter = new ConsoleAdapter(
    { config, router: h.router, store: h.store, clock: h.clock, logger: silentLogger(), requestShutdown: (reason) => void shutdowns.push(reason) },
    { input, output, terminal: false },
  );
  /** Waits until the output holds `count` prompts: every line typed so far has been answered. */
  const settled = async (count: number) => {
    for (let i = 0; i < 200 && written.split(PROMPT).length - 1 < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { adapter, input, shutdowns, settled, output: () => written };
}

describe('console adapter', () => {
  it('runs typed commands through the router, in order, as the local admin; bare words are commands too', async () => {
    const ui = consoleUnderTest();
    await ui.adapter.start();
    ui.input.write('/subscribe iraq-us-relations 08:00 Asia/Riyadh\nsubscriptions\n\n/news 99\n');
    await ui.settled(5);
    expect(ui.output()).toBe(
      [
        'Type /help for commands, exit to quit.',
        `${PROMPT}Subscribed to Iraq–US relations: daily at 08:00 (Asia/Riyadh).`,
        'Next digest: Mon, 30 Nov 2026, 08:00.',
        `${PROMPT}Subscriptions in this chat:`,
        '• Iraq–US relations — daily at 08:00 (Asia/Riyadh); next: Mon, 30 Nov 2026, 08:00',
        `${PROMPT}${PROMPT}count must be between 1 and 10 (got 99).`,
        PROMPT,
      ].join('\n'),
    );
    expect((await h.store.listSubscriptions({ platform: 'console', chatId: 'local' }))[0]?.createdBy).toBe('local');
    await ui.adapter.stop();
  });

  it.each([['exit'], ['/quit']])('given %s then it asks the application to shut down', async (word) => {
    const ui = consoleUnderTest();
    await ui.adapter.start();
    ui.input.write(`${word}\n`);
    await ui.settled(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ui.shutdowns).toEqual(['exit typed at the console']);
    await ui.adapter.stop();
  });

  it('given the end of input then it finishes what was typed and asks to shut down', async () => {
    const ui = consoleUnderTest();
    await ui.adapter.start();
    ui.input.end('/help\n');
    for (let i = 0; i < 200 && ui.shutdowns.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ui.output()).toContain('/news [topic] [count] — ');
    expect(ui.shutdowns).toEqual(['console input closed']);
    await ui.adapter.stop();
  });

  it('prints outbox messages (scheduled digests) with the target they were for', async () => {
    const ui = consoleUnderTest();
    await ui.adapter.sender.send('local', 'Iraq–US relations — 30 Nov 2026\n\n1. …\n');
    expect(ui.output()).toBe('\n── digest for local ──\nIraq–US relations — 30 Nov 2026\n\n1. …\n');
  });
});

describe('console rendering', () => {
  it('renders text parts, briefings through renderText, and buttons as command lines', async () => {
    const result = await h.router.handleText({ platform: 'console', chat: { platform: 'console', chatId: 'local', kind: 'console', title: null, guildId: null }, user: { id: 'local', displayName: 'console', locale: null, isAdmin: true } }, '/news iraq-us-relations 2');
    const [briefing] = briefingsOf(result);
    expect(renderReplyText(result.reply)).toBe(`${renderText(briefing!).trimEnd()}\n`);
    expect(renderReplyText({ parts: [{ kind: 'text', text: 'Topics:' }], ephemeral: false, choices: [{ label: 'Iran', command: '/news iran' }] })).toBe('Topics:\n\n  → Iran: /news iran\n');
  });

  it.each([
    ['plain text', 'hello', 'hello'],
    ['a text field', { text: 'hello' }, 'hello'],
    ['anything else, as JSON', { embeds: [] }, '{\n  "embeds": []\n}'],
  ])('shows an outbox body given as %s', (_label, body, text) => {
    expect(consoleBodyText(body)).toBe(text);
  });

  it.each([
    ['news iran', '/news iran'],
    ['  /help  ', '/help'],
  ])('reads %j as %j', (line, command) => {
    expect(asCommandLine(line)).toBe(command);
  });

  it('maps outcomes to exit codes: ran 0, refused 1, fault 70', () => {
    const base = { reply: { parts: [], ephemeral: false }, command: 'x', language: 'en' as const };
    expect([exitCodeOf({ ...base, outcome: 'ok' }), exitCodeOf({ ...base, outcome: 'rejected' }), exitCodeOf({ ...base, outcome: 'failed' })]).toEqual([0, 1, 70]);
  });
});
