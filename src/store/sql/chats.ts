/** Chats and their settings, including a chat moving to a new id. */
import { sql, type SqlBool } from 'kysely';
import type { ChatKind, ChatRecord, ChatRef, ChatSettings } from '../records.ts';
import { StoreError } from '../errors.ts';
import type { ChatsTable } from '../schema.ts';
import { chunked, type SqlContext } from './context.ts';
import { PENDING } from './outbox.ts';
import { chatRecord } from './rows.ts';
import { inTransaction } from './transaction.ts';

export async function ensureChat(
  ctx: SqlContext,
  chat: ChatRef & { kind: ChatKind; title?: string | null; guildId?: string | null },
  defaults: ChatSettings,
): Promise<ChatRecord> {
  const now = ctx.now();
  const refresh: Partial<ChatsTable> = { kind: chat.kind, updated_at: now };
  if (chat.title !== undefined) refresh.title = chat.title;
  if (chat.guildId !== undefined) refresh.guild_id = chat.guildId;
  const row = await ctx.db
    .insertInto('chats')
    .values({
      platform: chat.platform,
      chat_id: chat.chatId,
      kind: chat.kind,
      title: chat.title ?? null,
      guild_id: chat.guildId ?? null,
      language: defaults.language,
      timezone: defaults.timezone,
      digest_target_id: defaults.digestTargetId,
      quiet_from: defaults.quietHours?.from ?? null,
      quiet_to: defaults.quietHours?.to ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['platform', 'chat_id']).doUpdateSet(refresh))
    .returningAll()
    .executeTakeFirstOrThrow();
  return chatRecord(row);
}

export async function getChat(ctx: SqlContext, chat: ChatRef): Promise<ChatRecord | null> {
  const row = await ctx.db
    .selectFrom('chats')
    .selectAll()
    .where('platform', '=', chat.platform)
    .where('chat_id', '=', chat.chatId)
    .executeTakeFirst();
  return row ? chatRecord(row) : null;
}

export async function getChats(ctx: SqlContext, refs: ChatRef[]): Promise<ChatRecord[]> {
  const idsByPlatform = new Map<string, Set<string>>();
  for (const ref of refs) {
    const ids = idsByPlatform.get(ref.platform) ?? new Set<string>();
    ids.add(ref.chatId);
    idsByPlatform.set(ref.platform, ids);
  }
  const out: ChatRecord[] = [];
  for (const [platform, ids] of idsByPlatform) {
    for (const chunk of chunked([...ids])) {
      // The ids go in as one bound value: the scheduler asks for thousands per page, and compiling
      // and binding a statement with a parameter per id cost several times the lookup itself.
      const isListed =
        ctx.engine === 'sqlite'
          ? sql<SqlBool>`chat_id in (select value from json_each(${JSON.stringify(chunk)}))`
          : sql<SqlBool>`chat_id = any(${chunk}::text[])`;
      const rows = await ctx.db.selectFrom('chats').selectAll().where('platform', '=', platform).where(isListed).execute();
      out.push(...rows.map(chatRecord));
    }
  }
  return out;
}

export async function updateChatSettings(ctx: SqlContext, chat: ChatRef, patch: Partial<ChatSettings>): Promise<ChatRecord> {
  const set: Partial<ChatsTable> = { updated_at: ctx.now() };
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.timezone !== undefined) set.timezone = patch.timezone;
  if (patch.digestTargetId !== undefined) set.digest_target_id = patch.digestTargetId;
  if (patch.quietHours !== undefined) {
    set.quiet_from = patch.quietHours?.from ?? null;
    set.quiet_to = patch.quietHours?.to ?? null;
  }
  const row = await ctx.db
    .updateTable('chats')
    .set(set)
    .where('platform', '=', chat.platform)
    .where('chat_id', '=', chat.chatId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new StoreError('not-found', `chat ${chat.platform}:${chat.chatId} does not exist`, { chat });
  return chatRecord(row);
}

/**
 * Moves a chat to a new id in one transaction. The old chat's settings win over a row the new id may
 * already have (created when the upgraded group spoke first); where both ids hold a subscription to
 * the same topic and target, the one that moves is kept.
 */
export async function migrateChat(ctx: SqlContext, from: ChatRef, toChatId: string): Promise<void> {
  if (from.chatId === toChatId) return;
  const platform = from.platform;
  const moved = (id: string): string => (id === from.chatId ? toChatId : id);
  await inTransaction(ctx.db, ctx.engine, async (trx) => {
    const now = ctx.now();
    const oldChat = await trx
      .selectFrom('chats')
      .select('chat_id')
      .where('platform', '=', platform)
      .where('chat_id', '=', from.chatId)
      .executeTakeFirst();
    if (oldChat) {
      await trx.deleteFrom('chats').where('platform', '=', platform).where('chat_id', '=', toChatId).execute();
      await trx
        .updateTable('chats')
        .set({ chat_id: toChatId, updated_at: now })
        .where('platform', '=', platform)
        .where('chat_id', '=', from.chatId)
        .execute();
    }
    await trx
      .updateTable('chats')
      .set({ digest_target_id: toChatId, updated_at: now })
      .where('platform', '=', platform)
      .where('digest_target_id', '=', from.chatId)
      .execute();

    const subs = await trx
      .selectFrom('subscriptions')
      .select(['id', 'chat_id', 'target_id', 'topic_id'])
      .where('platform', '=', platform)
      .where((eb) =>
        eb.or([eb('chat_id', 'in', [from.chatId, toChatId]), eb('target_id', '=', from.chatId)]),
      )
      .execute();
    const changing = subs.filter((s) => s.chat_id === from.chatId || s.target_id === from.chatId);
    const finalKey = (s: (typeof subs)[number]): string => `${moved(s.chat_id)}\u0000${moved(s.target_id)}\u0000${s.topic_id}`;
    const claimed = new Set(changing.map(finalKey));
    const displaced = subs.filter((s) => !changing.includes(s) && claimed.has(finalKey(s))).map((s) => s.id);
    if (displaced.length > 0) await trx.deleteFrom('subscriptions').where('id', 'in', displaced).execute();
    for (const s of changing) {
      await trx
        .updateTable('subscriptions')
        .set({ chat_id: moved(s.chat_id), target_id: moved(s.target_id), updated_at: now })
        .where('id', '=', s.id)
        .execute();
    }

    await trx
      .updateTable('outbox')
      .set({ target_id: toChatId })
      .where('platform', '=', platform)
      .where('target_id', '=', from.chatId)
      .where('status', '=', PENDING)
      .execute();
  });
}
