import { z } from 'zod';
import { sourceIdFromName } from '../src/core/content/article-id.ts';
import { translate } from '../src/i18n/index.ts';
import type { CommandContext } from '../src/commands/context.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { textReply } from '../src/commands/reply.ts';
import { UserError } from '../src/commands/user-error.ts';
import { DEFAULT_POLL_MINUTES, MAX_POLL_MINUTES, MIN_POLL_MINUTES } from '../src/sources/source-config.ts';
import type { SourceRecord } from '../src/store/source-records.ts';

const ACTIONS = ['list', 'add', 'pause', 'resume', 'remove'] as const;

function httpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function describeSource(source: SourceRecord, language: CommandContext['language']): string {
  const status =
    source.status === 'paused'
      ? translate(language, 'sources.status.paused')
      : source.failures > 0
        ? translate(language, 'sources.status.failing', { failures: String(source.failures), error: source.lastError ?? '' })
        : translate(language, 'sources.status.active');
  const lines = [
    translate(language, 'sources.list.line', {
      id: source.id,
      name: source.name,
      kind: source.kind,
      language: source.language,
      minutes: String(source.pollMinutes),
      status,
      url: source.url,
    }),
  ];
  if (source.status === 'paused' && source.pausedReason) lines.push(translate(language, 'sources.list.paused_reason', { reason: source.pausedReason }));
  return lines.join('\n');
}

async function requireSource(ctx: CommandContext, id: string | undefined, action: string): Promise<SourceRecord> {
  if (!id) throw new UserError('source_id_needed', { action });
  const source = await ctx.store.getSource(id.trim().toLowerCase());
  if (!source) throw new UserError('source_unknown', { id });
  return source;
}

/**
 * Sources decide what the bot reads for everyone, so every action, listing included (addresses
 * and failure reasons are operator information), is for admins.
 */
export const sourcesCommand = defineCommand({
  name: 'sources',
  description: { en: 'List, add, pause, resume or remove the feeds the bot reads (admins)', ar: 'عرض الخلاصات التي يقرؤها البوت أو إضافتها أو إيقافها أو استئنافها أو حذفها (للمشرفين)' },
  options: z.object({
    action: z.enum(ACTIONS).default('list'),
    source: z.string().trim().min(1).max(2_000).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    language: z.enum(['ar', 'en']).optional(),
    interval: z.number().int().min(MIN_POLL_MINUTES).max(MAX_POLL_MINUTES).optional(),
  }),
  optionMeta: {
    action: {
      kind: 'string',
      position: 0,
      label: { en: 'action', ar: 'الإجراء' },
      choices: [
        { value: 'list', name: { en: 'list', ar: 'عرض' } },
        { value: 'add', name: { en: 'add', ar: 'إضافة' } },
        { value: 'pause', name: { en: 'pause', ar: 'إيقاف' } },
        { value: 'resume', name: { en: 'resume', ar: 'استئناف' } },
        { value: 'remove', name: { en: 'remove', ar: 'حذف' } },
      ],
      description: { en: 'list (default), add, pause, resume or remove', ar: 'عرض (الافتراضي) أو إضافة أو إيقاف أو استئناف أو حذف' },
    },
    source: {
      kind: 'string',
      position: 1,
      label: { en: 'source', ar: 'المصدر' },
      description: { en: 'Feed address to add, or the id of a source', ar: 'عنوان الخلاصة للإضافة، أو معرّف المصدر' },
    },
    name: {
      kind: 'string',
      position: 2,
      label: { en: 'name', ar: 'الاسم' },
      description: { en: 'Display name of a new source (default: its host)', ar: 'اسم المصدر الجديد (الافتراضي: اسم موقعه)' },
    },
    language: {
      kind: 'string',
      position: 3,
      label: { en: 'language', ar: 'اللغة' },
      choices: [
        { value: 'ar', name: { en: 'Arabic', ar: 'العربية' } },
        { value: 'en', name: { en: 'English', ar: 'الإنجليزية' } },
      ],
      description: { en: 'Language of the source (default: this chat\'s)', ar: 'لغة المصدر (الافتراضي: لغة المحادثة)' },
    },
    interval: {
      kind: 'integer',
      position: 4,
      min: MIN_POLL_MINUTES,
      max: MAX_POLL_MINUTES,
      label: { en: 'interval', ar: 'الفاصل' },
      description: { en: `Minutes between polls (default ${DEFAULT_POLL_MINUTES})`, ar: `الدقائق بين كل جلب وآخر (الافتراضي ${DEFAULT_POLL_MINUTES})` },
    },
  },
  permission: 'admin',
  async run(ctx, args) {
    const language = ctx.language;
    const now = ctx.clock.now().toISOString();
    switch (args.action) {
      case 'list': {
        const sources = await ctx.store.listSources();
        if (sources.length === 0) return textReply(translate(language, 'sources.list.empty'), { ephemeral: true });
        return textReply([translate(language, 'sources.list.header', { count: String(sources.length) }), ...sources.map((s) => describeSource(s, language))].join('\n'), { ephemeral: true });
      }
      case 'add': {
        const url = args.source ? httpUrl(args.source) : null;
        if (!url) throw new UserError('source_bad_url', { url: args.source ?? '' });
        const name = args.name ?? url.hostname.replace(/^www\./, '');
        const id = sourceIdFromName(args.name ?? `${url.hostname.replace(/^www\./, '')}${url.pathname.length > 1 ? url.pathname : ''}`).slice(0, 63).replace(/-+$/, '');
        const existing = await ctx.store.getSource(id);
        const saved = await ctx.store.upsertSource({
          id,
          name,
          url: url.href,
          kind: 'feed',
          language: args.language ?? existing?.language ?? language,
          pollMinutes: args.interval ?? existing?.pollMinutes ?? DEFAULT_POLL_MINUTES,
          topics: existing?.topics ?? [],
          addedBy: existing?.addedBy ?? ctx.user.id,
          nextPollAt: now,
        });
        const params = { id: saved.id, url: saved.url, minutes: String(saved.pollMinutes) };
        return textReply(translate(language, existing ? 'sources.updated' : 'sources.added', params), { ephemeral: true });
      }
      case 'pause': {
        const source = await requireSource(ctx, args.source, args.action);
        await ctx.store.updateSourceState(source.id, { status: 'paused', pausedReason: `paused by ${ctx.user.displayName}` });
        return textReply(translate(language, 'sources.paused', { id: source.id }), { ephemeral: true });
      }
      case 'resume': {
        const source = await requireSource(ctx, args.source, args.action);
        await ctx.store.updateSourceState(source.id, { status: 'active', pausedReason: null, failures: 0, lastError: null, failureNotified: false, nextPollAt: now });
        return textReply(translate(language, 'sources.resumed', { id: source.id }), { ephemeral: true });
      }
      case 'remove': {
        const source = await requireSource(ctx, args.source, args.action);
        await ctx.store.deleteSource(source.id);
        return textReply(translate(language, 'sources.removed', { id: source.id }), { ephemeral: true });
      }
    }
  },
});
