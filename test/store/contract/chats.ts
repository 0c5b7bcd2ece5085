import { describe, expect, test } from 'vitest';
import { StoreError } from '../../../src/store/errors.ts';
import type { ContractContext } from '../contract.ts';
import { defaultSettings, newSubscription, T0, T1 } from './fixtures.ts';

const group = { platform: 'telegram' as const, chatId: '-100' };

export function chatContract(ctx: ContractContext): void {
  describe('chats', () => {
    test('ensureChat creates a chat with the default settings on first sight', async () => {
      const store = ctx.store();
      const chat = await store.ensureChat({ ...group, kind: 'group', title: 'أخبار' }, defaultSettings);
      expect(chat).toMatchObject({ ...group, kind: 'group', title: 'أخبار', guildId: null, settings: defaultSettings });
      expect(await store.getChat(group)).toEqual(chat);
      expect(await store.getChat({ platform: 'discord', chatId: '-100' })).toBeNull();
    });

    test('ensureChat on a known chat refreshes kind and title but keeps its settings', async () => {
      const store = ctx.store();
      await store.ensureChat({ ...group, kind: 'group', title: 'old' }, defaultSettings);
      await store.updateChatSettings(group, { language: 'en' });
      const other = { ...defaultSettings, timezone: 'Europe/London', language: 'ar' as const };
      const refreshed = await store.ensureChat({ ...group, kind: 'supergroup', title: 'new' }, other);
      expect(refreshed.kind).toBe('supergroup');
      expect(refreshed.title).toBe('new');
      expect(refreshed.settings).toEqual({ ...defaultSettings, language: 'en' });
      const untitled = await store.ensureChat({ ...group, kind: 'supergroup' }, other);
      expect(untitled.title).toBe('new');
    });

    test('getChats returns the known chats among many refs across platforms', async () => {
      const store = ctx.store();
      await store.ensureChat({ platform: 'telegram', chatId: '1', kind: 'private' }, defaultSettings);
      await store.ensureChat({ platform: 'discord', chatId: '1', kind: 'guild', guildId: 'g1' }, defaultSettings);
      await store.ensureChat({ platform: 'console', chatId: 'console', kind: 'console' }, defaultSettings);
      const chats = await store.getChats([
        { platform: 'telegram', chatId: '1' },
        { platform: 'discord', chatId: '1' },
        { platform: 'discord', chatId: '2' },
        { platform: 'telegram', chatId: '1' },
      ]);
      expect(chats.map((c) => `${c.platform}:${c.chatId}:${c.guildId}`).sort()).toEqual(['discord:1:g1', 'telegram:1:null']);
      expect(await store.getChats([])).toEqual([]);
    });

    test('updateChatSettings patches only the given settings; null clears quiet hours', async () => {
      const store = ctx.store();
      await store.ensureChat({ ...group, kind: 'group' }, defaultSettings);
      const withQuiet = await store.updateChatSettings(group, { quietHours: { from: '22:00', to: '07:00' }, digestTargetId: 'chan' });
      expect(withQuiet.settings).toEqual({ ...defaultSettings, quietHours: { from: '22:00', to: '07:00' }, digestTargetId: 'chan' });
      const cleared = await store.updateChatSettings(group, { quietHours: null, timezone: 'Asia/Riyadh' });
      expect(cleared.settings).toEqual({ ...defaultSettings, digestTargetId: 'chan', timezone: 'Asia/Riyadh' });
      expect((await store.getChat(group))?.settings).toEqual(cleared.settings);
    });

    test('updateChatSettings on an unknown chat fails with not-found and creates nothing', async () => {
      const store = ctx.store();
      await expect(store.updateChatSettings(group, { language: 'ar' })).rejects.toMatchObject({ code: 'not-found' });
      await expect(store.updateChatSettings(group, { language: 'ar' })).rejects.toBeInstanceOf(StoreError);
      expect(await store.getChat(group)).toBeNull();
    });

    test('migrateChat moves the chat, its subscriptions (owner and target) and its pending outbox to the new id', async () => {
      const store = ctx.store();
      const to = '-1009';
      await store.ensureChat({ ...group, kind: 'group', title: 'g' }, defaultSettings);
      await store.updateChatSettings(group, { language: 'ar', timezone: 'Asia/Riyadh' });
      // The upgraded supergroup spoke first and got a default row of its own.
      await store.ensureChat({ platform: 'telegram', chatId: to, kind: 'supergroup' }, defaultSettings);
      const owned = await store.upsertSubscription(newSubscription({ chat: group, targetId: group.chatId }));
      const ownedElsewhere = await store.upsertSubscription(newSubscription({ chat: group, targetId: 'channel-9', topicId: 'oil' }));
      const clash = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: to }, targetId: to }));
      const other = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: '5' }, targetId: '5' }));
      const [sentId, pendingId] = await store.enqueueMessages(
        [
          { platform: 'telegram', targetId: group.chatId, payload: { text: 'sent' } },
          { platform: 'telegram', targetId: group.chatId, payload: { text: 'pending' } },
        ],
        T0,
      );
      await store.markSent(sentId ?? '', T0);

      await store.migrateChat(group, to);

      expect(await store.getChat(group)).toBeNull();
      const moved = await store.getChat({ platform: 'telegram', chatId: to });
      expect(moved?.settings).toMatchObject({ language: 'ar', timezone: 'Asia/Riyadh' });
      expect(moved?.title).toBe('g');
      expect(await store.listSubscriptions(group)).toEqual([]);
      const subs = await store.listSubscriptions({ platform: 'telegram', chatId: to });
      expect(subs.map((s) => [s.id, s.targetId]).sort()).toEqual(
        [
          [owned.id, to],
          [ownedElsewhere.id, 'channel-9'],
        ].sort(),
      );
      expect(await store.getSubscription(clash.id)).toBeNull();
      expect((await store.getSubscription(other.id))?.targetId).toBe('5');
      const deliveries = await store.nextDeliveries('telegram', T1, 10);
      expect(deliveries.map((d) => [d.id, d.targetId])).toEqual([[pendingId, to]]);
    });
  });
}
