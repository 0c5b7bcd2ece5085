import { z } from 'zod';
import { translate } from '../src/i18n/index.ts';
import type { CommandContext } from '../src/commands/context.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { formatInstant } from '../src/commands/format.ts';
import { requireTopic } from '../src/commands/lookup.ts';
import type { Reply, ReplyPart } from '../src/commands/reply.ts';
import { topicMeta, topicSchema } from '../src/commands/shared-options.ts';
import { UserError } from '../src/commands/user-error.ts';
import type { Frequency, SubscriptionRecord } from '../src/store/records.ts';

/** A preview of every subscription at once stays readable up to this many. */
const MAX_PREVIEWS = 5;

interface PreviewTarget {
  topicId: string;
  frequency: Frequency;
  since: string | null;
  timezone: string;
}

/** A subscription's next digest covers what arrived since its previous one (or since it was made). */
function previewTarget(sub: SubscriptionRecord): PreviewTarget {
  return { topicId: sub.topicId, frequency: sub.frequency, since: sub.lastRunAt ?? sub.createdAt, timezone: sub.timezone };
}

async function previewParts(ctx: CommandContext, target: PreviewTarget): Promise<ReplyPart[]> {
  const name = ctx.topics.get(target.topicId)?.name[ctx.language] ?? target.topicId;
  const preview = await ctx.services.digestPreview({
    topicId: target.topicId,
    language: ctx.language,
    frequency: target.frequency,
    since: target.since,
    now: ctx.clock.now(),
  });
  const since = formatInstant(preview.window.from, target.timezone, ctx.language);
  if (!preview.briefing || preview.briefing.items.length === 0) {
    return [{ kind: 'text', text: translate(ctx.language, 'command.digest.empty', { topic: name, since }) }];
  }
  return [
    { kind: 'text', text: translate(ctx.language, 'command.digest.intro', { topic: name, since }) },
    { kind: 'briefing', briefing: preview.briefing },
  ];
}

export const digestCommand = defineCommand({
  name: 'digest',
  description: { en: 'Preview the digest that would be sent now', ar: 'معاينة الموجز الذي سيُرسل الآن' },
  options: z.object({ topic: topicSchema.optional() }),
  optionMeta: {
    topic: topicMeta(0, { en: 'Topic id or name (every subscription when left out)', ar: 'معرّف الموضوع أو اسمه (كل الاشتراكات إن تُرك فارغًا)' }),
  },
  permission: 'anyone',
  defer: true,
  async run(ctx, args): Promise<Reply> {
    const subs = await ctx.store.listSubscriptions({ platform: ctx.chat.platform, chatId: ctx.chat.chatId });
    let targets: PreviewTarget[];
    if (args.topic !== undefined) {
      const topic = requireTopic(ctx, args.topic);
      const sub = subs.find((candidate) => candidate.topicId === topic.id);
      // Without a subscription, preview what a new daily one would receive first.
      targets = [sub ? previewTarget(sub) : { topicId: topic.id, frequency: ctx.services.subscriptionDefaults.frequency, since: null, timezone: ctx.settings.timezone }];
    } else {
      if (subs.length === 0) throw new UserError('no_subscriptions', { example: ctx.topics.list()[0]?.id ?? 'topic' });
      targets = subs.slice(0, MAX_PREVIEWS).map(previewTarget);
    }
    const parts: ReplyPart[] = [];
    for (const target of targets) parts.push(...(await previewParts(ctx, target)));
    return { parts, ephemeral: false };
  },
});
