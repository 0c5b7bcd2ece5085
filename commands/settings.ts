import { z } from 'zod';
import type { Language } from '../src/core/types.ts';
import { languageFromLocale, translate } from '../src/i18n/index.ts';
import type { CommandContext } from '../src/commands/context.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { textReply } from '../src/commands/reply.ts';
import { timezoneMeta, timezoneSchema } from '../src/commands/shared-options.ts';
import { UserError } from '../src/commands/user-error.ts';
import { formatLocalTime, parseLocalTime } from '../src/scheduler/next-due.ts';
import type { ChatSettings, QuietHours } from '../src/store/records.ts';

const CLEAR_WORDS = ['off', 'none', 'here', 'auto', 'إيقاف', 'هنا', 'تلقائي'];

/** `22:00-07:00` (may wrap midnight), or a clearing word for none. */
const quietHoursSchema = z.string().transform((value, ctx): QuietHours | null => {
  const text = value.trim().toLowerCase();
  if (CLEAR_WORDS.includes(text)) return null;
  const match = /^(\S+?)\s*[-–—]\s*(\S+)$/u.exec(text);
  const from = match?.[1] ? parseLocalTime(match[1].padStart(5, '0')) : null;
  const to = match?.[2] ? parseLocalTime(match[2].padStart(5, '0')) : null;
  if (!from || !to || (from.hour === to.hour && from.minute === to.minute)) {
    ctx.addIssue({ code: 'custom', message: 'error.bad_quiet_hours', input: value });
    return z.NEVER;
  }
  return { from: formatLocalTime(from), to: formatLocalTime(to) };
});

/** A channel id, a Discord mention `<#id>`, or a clearing word (digests go where /subscribe is typed). */
const channelSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .transform((value) => (CLEAR_WORDS.includes(value.toLowerCase()) ? null : value.replace(/^<#(\d+)>$/, '$1')));

function describeSettings(ctx: CommandContext, settings: ChatSettings, language: Language): string {
  const value = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return [
    translate(language, 'command.settings.header'),
    translate(language, 'command.settings.language', { value: settings.language ? translate(settings.language, 'language.name') : value('command.settings.language_auto') }),
    translate(language, 'command.settings.timezone', { value: settings.timezone }),
    ...(ctx.platform === 'discord'
      ? [translate(language, 'command.settings.digest_channel', { value: settings.digestTargetId ? `<#${settings.digestTargetId}>` : value('command.settings.digest_channel_here') })]
      : []),
    translate(language, 'command.settings.quiet_hours', {
      value: settings.quietHours ? `${settings.quietHours.from}–${settings.quietHours.to}` : value('command.settings.quiet_hours_off'),
    }),
  ].join('\n');
}

export const settingsCommand = defineCommand({
  name: 'settings',
  description: { en: 'Show or change this chat\'s language, timezone and quiet hours', ar: 'عرض أو تغيير لغة المحادثة ومنطقتها الزمنية وساعات الهدوء' },
  options: z.object({
    language: z.enum(['ar', 'en', 'auto']).optional(),
    timezone: timezoneSchema.optional(),
    digest_channel: channelSchema.optional(),
    quiet_hours: quietHoursSchema.optional(),
  }),
  optionMeta: {
    language: {
      kind: 'string',
      position: 0,
      label: { en: 'language', ar: 'اللغة' },
      choices: [
        { value: 'ar', name: { en: 'Arabic', ar: 'العربية' } },
        { value: 'en', name: { en: 'English', ar: 'الإنجليزية' } },
        { value: 'auto', name: { en: 'Each user\'s own', ar: 'لغة كل مستخدم' } },
      ],
      description: { en: 'Reply language: ar, en, or auto (each user\'s own)', ar: 'لغة الردود: ar أو en أو auto (لغة كل مستخدم)' },
    },
    timezone: timezoneMeta(1, { en: 'Default timezone for new subscriptions, e.g. Asia/Baghdad', ar: 'المنطقة الزمنية الافتراضية للاشتراكات الجديدة، مثل Asia/Baghdad' }),
    digest_channel: {
      kind: 'channel',
      position: 2,
      label: { en: 'digest_channel', ar: 'قناة الموجز' },
      description: { en: 'Discord: channel new subscriptions deliver to ("here" to reset)', ar: 'ديسكورد: القناة التي تُرسل إليها الاشتراكات الجديدة (here للإلغاء)' },
    },
    quiet_hours: {
      kind: 'string',
      position: 3,
      shape: /^\d{1,2}:\d{2}\s*[-–—]\s*\d{1,2}:\d{2}$/,
      label: { en: 'quiet_hours', ar: 'ساعات الهدوء' },
      description: { en: 'No digests between these local times, e.g. 22:00-07:00 ("off" to clear)', ar: 'لا موجزات بين هذين الوقتين، مثل 22:00-07:00 (off للإلغاء)' },
    },
  },
  permission: 'admin',
  async run(ctx, args) {
    const patch: Partial<ChatSettings> = {};
    if (args.language !== undefined) patch.language = args.language === 'auto' ? null : args.language;
    if (args.timezone !== undefined) patch.timezone = args.timezone;
    if (args.quiet_hours !== undefined) patch.quietHours = args.quiet_hours;
    if (args.digest_channel !== undefined) {
      if (ctx.platform !== 'discord') throw new UserError('digest_channel_discord_only');
      // Choosing the channel the command is typed in is the same as no separate digest channel.
      patch.digestTargetId = args.digest_channel === ctx.chat.chatId ? null : args.digest_channel;
    }
    if (Object.keys(patch).length === 0) return textReply(describeSettings(ctx, ctx.settings, ctx.language), { ephemeral: true });

    await ctx.store.ensureChat(ctx.chat, ctx.chatDefaults);
    const updated = await ctx.store.updateChatSettings({ platform: ctx.chat.platform, chatId: ctx.chat.chatId }, patch);
    // Answer in the language just chosen, so the change is visible at once.
    const language = patch.language === undefined ? ctx.language : (patch.language ?? languageFromLocale(ctx.user.locale) ?? ctx.language);
    return textReply([translate(language, 'command.settings.updated'), describeSettings(ctx, updated.settings, language)].join('\n'), { ephemeral: true });
  },
});
