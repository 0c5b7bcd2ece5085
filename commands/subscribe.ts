import { z } from 'zod';
import { translate } from '../src/i18n/index.ts';
import { defineCommand, type OptionChoice } from '../src/commands/define-command.ts';
import { describeSchedule, formatInstant } from '../src/commands/format.ts';
import { requireTopic } from '../src/commands/lookup.ts';
import { textReply } from '../src/commands/reply.ts';
import { localTimeMetaFor, localTimeSchema, timezoneMeta, timezoneSchema, topicMeta, topicSchema } from '../src/commands/shared-options.ts';
import { localWeekday, nextDueAt } from '../src/scheduler/next-due.ts';
import { DEFAULT_ALERT_THRESHOLD, DEFAULT_ALERTS_PER_HOUR } from '../src/sources/alerts.ts';

export const WEEKDAY_CHOICES: readonly OptionChoice[] = [
  { value: 'sun', name: { en: 'Sunday', ar: 'الأحد' } },
  { value: 'mon', name: { en: 'Monday', ar: 'الاثنين' } },
  { value: 'tue', name: { en: 'Tuesday', ar: 'الثلاثاء' } },
  { value: 'wed', name: { en: 'Wednesday', ar: 'الأربعاء' } },
  { value: 'thu', name: { en: 'Thursday', ar: 'الخميس' } },
  { value: 'fri', name: { en: 'Friday', ar: 'الجمعة' } },
  { value: 'sat', name: { en: 'Saturday', ar: 'السبت' } },
];
const WEEKDAY_VALUES = WEEKDAY_CHOICES.map((choice) => choice.value) as ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Subscribing decides what a chat receives, so in groups and guilds only admins may do it; in a
 * private chat the user manages their own chat (the router treats them as its admin).
 */
export const subscribeCommand = defineCommand({
  name: 'subscribe',
  description: { en: 'Get a daily or weekly digest of a topic in this chat', ar: 'اشترك في موجز يومي أو أسبوعي لموضوع في هذه المحادثة' },
  options: z.object({
    topic: topicSchema,
    time: localTimeSchema.optional(),
    timezone: timezoneSchema.optional(),
    frequency: z.enum(['daily', 'weekly']).optional(),
    day: z.enum(WEEKDAY_VALUES).optional(),
    quiet_day: z.boolean().optional(),
    alerts: z.boolean().optional(),
  }),
  optionMeta: {
    topic: topicMeta(0, { en: 'Topic id or name (see /topics)', ar: 'معرّف الموضوع أو اسمه (انظر /topics)' }),
    time: localTimeMetaFor(1),
    timezone: timezoneMeta(2, { en: 'IANA timezone, e.g. Asia/Baghdad (default: the chat\'s)', ar: 'المنطقة الزمنية، مثل Asia/Baghdad (الافتراضي: منطقة المحادثة)' }),
    frequency: {
      kind: 'string',
      position: 3,
      label: { en: 'frequency', ar: 'التكرار' },
      choices: [
        { value: 'daily', name: { en: 'daily', ar: 'يومي' } },
        { value: 'weekly', name: { en: 'weekly', ar: 'أسبوعي' } },
      ],
      description: { en: 'daily or weekly (default daily)', ar: 'يومي أو أسبوعي (الافتراضي يومي)' },
    },
    day: {
      kind: 'string',
      position: 4,
      label: { en: 'day', ar: 'اليوم' },
      choices: WEEKDAY_CHOICES,
      description: { en: 'Day of the week for weekly digests (default: today)', ar: 'يوم الأسبوع للموجز الأسبوعي (الافتراضي: اليوم)' },
    },
    quiet_day: {
      kind: 'boolean',
      position: 5,
      label: { en: 'quiet_day', ar: 'رسالة اليوم الهادئ' },
      description: { en: 'Send a one-line note when nothing new happened (default no)', ar: 'أرسل سطرًا واحدًا حين لا يكون هناك جديد (الافتراضي لا)' },
    },
    alerts: {
      kind: 'boolean',
      position: 6,
      label: { en: 'alerts', ar: 'التنبيهات العاجلة' },
      description: { en: 'Also alert at once about major new stories, a few per hour at most (default no)', ar: 'نبّه فورًا أيضًا بالقصص الكبرى الجديدة، بضع مرات في الساعة على الأكثر (الافتراضي لا)' },
    },
  },
  permission: 'admin',
  async run(ctx, args) {
    const topic = requireTopic(ctx, args.topic);
    const chatRef = { platform: ctx.chat.platform, chatId: ctx.chat.chatId };
    // A digest channel chosen in /settings applies on Discord, where a guild has many channels.
    const targetId = ctx.platform === 'discord' ? (ctx.settings.digestTargetId ?? ctx.chat.chatId) : ctx.chat.chatId;
    const existing = (await ctx.store.listSubscriptions(chatRef)).find((sub) => sub.topicId === topic.id && sub.targetId === targetId);

    const now = ctx.clock.now();
    const localTime = args.time ?? existing?.localTime ?? ctx.services.subscriptionDefaults.localTime;
    const timezone = args.timezone ?? existing?.timezone ?? ctx.settings.timezone;
    const frequency = args.frequency ?? (args.day ? 'weekly' : (existing?.frequency ?? ctx.services.subscriptionDefaults.frequency));
    const weekday =
      frequency === 'weekly' ? (args.day ? WEEKDAY_VALUES.indexOf(args.day) : (existing?.weekday ?? localWeekday(now, timezone))) : null;
    const next = nextDueAt({ localTime, timezone, frequency, weekday }, now);

    await ctx.store.ensureChat(ctx.chat, ctx.chatDefaults);
    const saved = await ctx.store.upsertSubscription({
      chat: chatRef,
      targetId,
      topicId: topic.id,
      localTime,
      timezone,
      frequency,
      weekday,
      language: ctx.language,
      quietDayMessage: args.quiet_day ?? existing?.quietDayMessage ?? false,
      nextDueAt: next.toISOString(),
      createdBy: existing?.createdBy ?? ctx.user.id,
    });

    const lines = [
      translate(ctx.language, existing ? 'command.subscribe.updated' : 'command.subscribe.created', {
        topic: topic.name[ctx.language],
        schedule: describeSchedule(saved, ctx.language),
      }),
      translate(ctx.language, 'command.subscribe.next', { next: formatInstant(saved.nextDueAt, saved.timezone, ctx.language) }),
    ];
    if (args.alerts !== undefined) {
      await ctx.store.setAlertSettings(saved.id, args.alerts ? { threshold: DEFAULT_ALERT_THRESHOLD, perHour: DEFAULT_ALERTS_PER_HOUR } : null);
      lines.push(translate(ctx.language, args.alerts ? 'sources.alerts_on' : 'sources.alerts_off', { perHour: String(DEFAULT_ALERTS_PER_HOUR) }));
    }
    if (saved.targetId !== ctx.chat.chatId) lines.push(translate(ctx.language, 'command.subscribe.target', { target: `<#${saved.targetId}>` }));
    return textReply(lines.join('\n'), { ephemeral: true });
  },
});
