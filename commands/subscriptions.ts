import { z } from 'zod';
import { translate } from '../src/i18n/index.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { describeSchedule, formatInstant } from '../src/commands/format.ts';
import { topicName } from '../src/commands/lookup.ts';
import { textReply } from '../src/commands/reply.ts';

export const subscriptionsCommand = defineCommand({
  name: 'subscriptions',
  description: { en: 'This chat\'s subscriptions and when each digest comes next', ar: 'اشتراكات هذه المحادثة وموعد كل موجز قادم' },
  options: z.object({}),
  optionMeta: {},
  permission: 'anyone',
  async run(ctx) {
    const subs = await ctx.store.listSubscriptions({ platform: ctx.chat.platform, chatId: ctx.chat.chatId });
    const example = ctx.topics.list()[0]?.id ?? 'topic';
    if (subs.length === 0) return textReply(translate(ctx.language, 'command.subscriptions.none', { example }));
    const lines = subs.map((sub) => {
      const params = { topic: topicName(ctx, sub.topicId), schedule: describeSchedule(sub, ctx.language) };
      const line =
        sub.status === 'paused'
          ? translate(ctx.language, 'command.subscriptions.paused', { ...params, reason: sub.pausedReason ?? '—' })
          : translate(ctx.language, 'command.subscriptions.active', { ...params, next: formatInstant(sub.nextDueAt, sub.timezone, ctx.language) });
      return sub.targetId === ctx.chat.chatId ? line : `${line} ${translate(ctx.language, 'command.subscriptions.target', { target: `<#${sub.targetId}>` })}`;
    });
    return textReply([translate(ctx.language, 'command.subscriptions.header'), ...lines].join('\n'));
  },
});
