import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { createHarness, textOf, who, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('/help', () => {
  it('lists every command with its usage and description, marking admin commands', async () => {
    const lines = textOf(await h.router.handleText(who(), '/help')).split('\n');
    for (const command of COMMANDS) {
      const line = lines.find((candidate) => candidate.startsWith(`${command.usage} — `));
      expect(line, command.name).toBe(`${command.usage} — ${command.description.en}${command.permission === 'admin' ? ' (admins)' : ''}`);
    }
  });

  it('answers /start (where Telegram users land) with the same overview', async () => {
    expect(textOf(await h.router.handleText(who(), '/start'))).toBe(textOf(await h.router.handleText(who(), '/help')));
  });

  it('explains one command with its options in the user\'s language', async () => {
    const text = textOf(await h.router.handleText(who({ locale: 'ar' }), '/help /news'));
    expect(text.split('\n')).toEqual([
      '/news [topic] [count]',
      'أحدث موجز عن موضوع، أو أبرز الأخبار في كل المواضيع',
      '• topic: معرّف الموضوع أو اسمه (كل المواضيع إن تُرك فارغًا)',
      '• count: عدد الأخبار من 1 إلى 10 (الافتراضي 5)',
    ]);
  });

  it('given an unknown command then it says so', async () => {
    expect((await h.router.handleText(who(), '/help frobnicate')).error).toBe('unknown_command');
  });
});

describe('/topics', () => {
  it('lists every topic with its description in the user\'s language, with a button to read each', async () => {
    const result = await h.router.handleText(who({ locale: 'ar' }), '/topics');
    const text = textOf(result);
    for (const topic of h.topics.catalog.list()) {
      expect(text).toContain(`• ${topic.name.ar} (${topic.id})\n  ${topic.description.ar}`);
    }
    expect(result.reply.choices).toEqual(h.topics.catalog.list().map((topic) => ({ label: topic.name.ar, command: `/news ${topic.id}` })));
  });
});
