import { z } from 'zod';
import { translate } from '../src/i18n/index.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { textReply } from '../src/commands/reply.ts';

/** Buttons beyond this many crowd a chat; the list itself always shows every topic. */
const MAX_TOPIC_BUTTONS = 10;

export const topicsCommand = defineCommand({
  name: 'topics',
  description: { en: 'Topics you can follow, with a line about each', ar: 'المواضيع المتاحة للمتابعة مع سطر عن كل منها' },
  options: z.object({}),
  optionMeta: {},
  permission: 'anyone',
  async run(ctx) {
    const topics = ctx.topics.list();
    if (topics.length === 0) return textReply(translate(ctx.language, 'command.topics.none'));
    const lines = topics.map((topic) =>
      translate(ctx.language, 'command.topics.line', { id: topic.id, name: topic.name[ctx.language], description: topic.description[ctx.language] }),
    );
    const text = [translate(ctx.language, 'command.topics.header'), ...lines, '', translate(ctx.language, 'command.topics.footer')].join('\n');
    return textReply(text, {
      choices: topics.slice(0, MAX_TOPIC_BUTTONS).map((topic) => ({ label: topic.name[ctx.language], command: `/news ${topic.id}` })),
    });
  },
});
