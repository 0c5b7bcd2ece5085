/**
 * Telegram tells the bot when a chat changes under it: a group upgraded to a supergroup (a
 * service message with the new id) and the bot's own membership (removed, or blocked by a user).
 * The subscriptions follow without waiting for a digest to fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, Update } from 'telegraf/types';
import { botMessagesIn, eventually, FAST_LIMITS, omar, samiChat, sami, startTelegramHarness, type TelegramHarness } from './harness.ts';

const group: Chat.GroupChat = { id: -7001, type: 'group', title: 'Study group' };
const supergroup: Chat.SupergroupChat = { id: -1007001, type: 'supergroup', title: 'Study group' };
const ref = (chatId: number) => ({ platform: 'telegram' as const, chatId: String(chatId) });

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ limits: FAST_LIMITS });
  h.fake.addChat(group, supergroup);
  h.fake.setRole(group, omar, 'creator');
  h.fake.userSays(group, omar, '/subscribe iraq-us-relations 08:00');
  h.fake.userSays(samiChat, sami, '/subscribe oil-energy 09:00');
  await botMessagesIn(h.fake, group.id, 1);
  await botMessagesIn(h.fake, samiChat.id, 1);
});
afterAll(async () => {
  await h?.close();
});

function membershipUpdate(chat: Chat, status: 'kicked' | 'left' | 'member'): Update {
  const bot = h.fake.bot;
  return {
    update_id: 0,
    my_chat_member: {
      chat,
      from: sami,
      date: 1,
      old_chat_member: { status: 'member', user: bot },
      new_chat_member: status === 'kicked' ? { status, user: bot, until_date: 0 } : { status, user: bot },
    },
  } as Update;
}

describe('Telegram chat changes', () => {
  it('given the service message of a group upgraded to a supergroup then its subscriptions move to the new id', async () => {
    h.fake.pushUpdate({ update_id: 0, message: { message_id: 90, date: 1, chat: group, from: omar, migrate_to_chat_id: supergroup.id } } as Update);
    await eventually(async () => (await h.store.listSubscriptions(ref(supergroup.id))).length === 1);
    const [moved] = await h.store.listSubscriptions(ref(supergroup.id));
    expect(moved).toMatchObject({ targetId: String(supergroup.id), topicId: 'iraq-us-relations', status: 'active' });
    expect(await h.store.listSubscriptions(ref(group.id))).toEqual([]);
  });

  it('given a user who blocks the bot then their subscriptions are paused at once', async () => {
    h.fake.pushUpdate(membershipUpdate(samiChat, 'kicked'));
    await eventually(async () => (await h.store.listSubscriptions(ref(samiChat.id)))[0]?.status === 'paused');
    const [sub] = await h.store.listSubscriptions(ref(samiChat.id));
    expect(sub!.pausedReason).toMatch(/^blocked: the bot was blocked by the user/);
  });

  it('given the bot added back or promoted then nothing is paused', async () => {
    h.fake.pushUpdate(membershipUpdate(supergroup, 'member'));
    h.fake.userSays(supergroup, omar, '/subscriptions');
    await botMessagesIn(h.fake, supergroup.id, 1);
    expect((await h.store.listSubscriptions(ref(supergroup.id)))[0]!.status).toBe('active');
  });
});
