import { z } from 'zod';
import { translate } from '../src/i18n/index.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { findTopic, requireTopic } from '../src/commands/lookup.ts';
import { textReply } from '../src/commands/reply.ts';
import { topicMeta, topicSchema } from '../src/commands/shared-options.ts';
import { UserError } from '../src/commands/user-error.ts';

export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  description: { en: 'Stop a topic\'s digests in this chat', ar: 'أوقف موجز موضوع في هذه المحادثة' },
  options: z.object({ topic: topicSchema }),
  optionMeta: {
    topic: topicMeta(0, { en: 'Topic id or name (see /subscriptions)', ar: 'معرّف الموضوع أو اسمه (انظر /subscriptions)' }),
  },
  permission: 'admin',
  async run(ctx, args) {
    const chatRef = { platform: ctx.chat.platform, chatId: ctx.chat.chatId };
    // A topic removed from the catalogue can still be unsubscribed by its id.
    const subscribed = (await ctx.store.listSubscriptions(chatRef)).map((sub) => sub.topicId);
    const topicId = findTopic(ctx, args.topic)?.id ?? (subscribed.includes(args.topic) ? args.topic : requireTopic(ctx, args.topic).id);
    const name = ctx.topics.get(topicId)?.name[ctx.language] ?? topicId;
    if (!subscribed.includes(topicId)) throw new UserError('not_subscribed', { topic: name });
    await ctx.store.deleteSubscription(chatRef, topicId);
    return textReply(translate(ctx.language, 'command.unsubscribe.done', { topic: name }), { ephemeral: true });
  },
});
