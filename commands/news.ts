import { z } from 'zod';
import { translate } from '../src/i18n/index.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { requireTopic } from '../src/commands/lookup.ts';
import { briefingReply, textReply } from '../src/commands/reply.ts';
import { topicMeta, topicSchema } from '../src/commands/shared-options.ts';

export const NEWS_DEFAULT_COUNT = 5;
export const NEWS_MAX_COUNT = 10;

export const newsCommand = defineCommand({
  name: 'news',
  description: {
    en: 'Latest briefing on a topic, or the top stories across all topics',
    ar: 'أحدث موجز عن موضوع، أو أبرز الأخبار في كل المواضيع',
  },
  options: z.object({
    topic: topicSchema.optional(),
    count: z.number().int().min(1).max(NEWS_MAX_COUNT).default(NEWS_DEFAULT_COUNT),
  }),
  optionMeta: {
    topic: topicMeta(0, { en: 'Topic id or name (all topics when left out)', ar: 'معرّف الموضوع أو اسمه (كل المواضيع إن تُرك فارغًا)' }),
    count: {
      kind: 'integer',
      min: 1,
      max: NEWS_MAX_COUNT,
      position: 1,
      label: { en: 'count', ar: 'العدد' },
      description: { en: `How many stories, 1 to ${NEWS_MAX_COUNT} (default ${NEWS_DEFAULT_COUNT})`, ar: `عدد الأخبار من 1 إلى ${NEWS_MAX_COUNT} (الافتراضي ${NEWS_DEFAULT_COUNT})` },
    },
  },
  permission: 'anyone',
  defer: true,
  async run(ctx, { topic, count }) {
    const found = topic === undefined ? null : requireTopic(ctx, topic);
    const briefing = await ctx.services.composeNews({ topicId: found?.id ?? null, count, language: ctx.language, now: ctx.clock.now(), timeZone: ctx.settings.timezone });
    if (briefing.items.length === 0) {
      return textReply(
        found ? translate(ctx.language, 'command.news.empty_topic', { topic: found.name[ctx.language] }) : translate(ctx.language, 'command.news.empty'),
      );
    }
    return briefingReply(briefing);
  },
});
