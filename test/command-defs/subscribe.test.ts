import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, textOf, who as anyone, type Harness, type Who } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

// One store for the file (ingesting the sample once); every test gets chats of its own.
let serial = 0;
let GROUP: { platform: 'telegram'; chatId: string };
beforeEach(() => {
  serial += 1;
  GROUP = { platform: 'telegram', chatId: `-100${serial}` };
});
const who = (spec: Who = {}) => anyone({ chatId: GROUP.chatId, ...spec });

async function chatState(chat: { platform: 'telegram' | 'discord' | 'console'; chatId: string } = GROUP) {
  return { chat: await h.store.getChat(chat), subscriptions: await h.store.listSubscriptions(chat) };
}

describe('/subscribe', () => {
  it('given topic, time and timezone then it stores the subscription with its next due instant and confirms in local time', async () => {
    // Now is Sunday 29 Nov 2026 08:00 UTC = 11:00 in Riyadh, so the next 08:00 there is Monday 05:00 UTC.
    const result = await h.router.handleText(who(), '/subscribe iraq-us-relations 08:00 Asia/Riyadh');
    expect(result).toMatchObject({ outcome: 'ok' });
    expect(result.reply.ephemeral).toBe(true);
    expect(textOf(result)).toBe('Subscribed to Iraq–US relations: daily at 08:00 (Asia/Riyadh).\nNext digest: Mon, 30 Nov 2026, 08:00.');
    const [sub] = await h.store.listSubscriptions(GROUP);
    expect(sub).toMatchObject({
      chat: GROUP,
      targetId: GROUP.chatId,
      topicId: 'iraq-us-relations',
      localTime: '08:00',
      timezone: 'Asia/Riyadh',
      frequency: 'daily',
      weekday: null,
      language: 'en',
      quietDayMessage: false,
      status: 'active',
      nextDueAt: '2026-11-30T05:00:00.000Z',
      createdBy: '7',
    });
    expect((await h.store.getChat(GROUP))?.kind).toBe('supergroup');
  });

  it('given only a topic then it uses 08:00, the chat timezone and daily', async () => {
    await h.router.handleText(who(), '/subscribe iraq-us-relations');
    // Asia/Baghdad is UTC+3 all year: 08:00 local is 05:00 UTC.
    expect((await h.store.listSubscriptions(GROUP))[0]).toMatchObject({ localTime: '08:00', timezone: 'Asia/Baghdad', frequency: 'daily', nextDueAt: '2026-11-30T05:00:00.000Z' });
  });

  it('given the same topic again then it updates the subscription and keeps what was not given', async () => {
    await h.router.handleText(who(), '/subscribe iraq-us-relations 08:00 Asia/Riyadh');
    const result = await h.router.handleText(who(), '/subscribe iraq-us-relations 18:30');
    expect(textOf(result)).toBe('Subscription to Iraq–US relations updated: daily at 18:30 (Asia/Riyadh).\nNext digest: Sun, 29 Nov 2026, 18:30.');
    const subs = await h.store.listSubscriptions(GROUP);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ localTime: '18:30', timezone: 'Asia/Riyadh', nextDueAt: '2026-11-29T15:30:00.000Z' });
  });

  it('given weekly and a day then the digest is due on that weekday', async () => {
    const result = await h.router.handleText(who(), '/subscribe iran weekly fri 7:05 Europe/London');
    expect(textOf(result)).toBe('Subscribed to Iran: every Friday at 07:05 (Europe/London).\nNext digest: Fri, 4 Dec 2026, 07:05.');
    expect((await h.store.listSubscriptions(GROUP))[0]).toMatchObject({ frequency: 'weekly', weekday: 5, localTime: '07:05', nextDueAt: '2026-12-04T07:05:00.000Z' });
  });

  it('given an Arabic-speaking user then the confirmation and the digest language are Arabic', async () => {
    const result = await h.router.handleText(who({ locale: 'ar-IQ' }), '/subscribe العلاقات_غير_موجودة');
    expect(result.error).toBe('unknown_topic');
    const ok = await h.router.handleText(who({ locale: 'ar-IQ' }), '/subscribe iraq-us-relations ٠٧:١٥ يومي');
    expect(textOf(ok)).toBe('تم الاشتراك في العلاقات العراقية الأمريكية: يوميًا الساعة 07:15 (Asia/Baghdad).\nالموجز القادم: الاثنين، 30 نوفمبر 2026، 07:15.');
    expect((await h.store.listSubscriptions(GROUP))[0]?.language).toBe('ar');
  });

  it('given a Discord server with a digest channel then digests are delivered there', async () => {
    const discord = { platform: 'discord', chatId: '111' } as const;
    await h.router.handleText(anyone({ platform: 'discord', chatId: '111', kind: 'guild' }), '/settings digest_channel=<#222>');
    const result = await h.router.handleText(anyone({ platform: 'discord', chatId: '111', kind: 'guild' }), '/subscribe iraq-us-relations');
    expect(textOf(result)).toContain('Digests go to <#222>.');
    expect((await h.store.listSubscriptions(discord))[0]?.targetId).toBe('222');
  });

  it.each([
    ['a non-admin in a group', { isAdmin: false }, '/subscribe iraq-us-relations 08:00 Asia/Riyadh', 'not_admin', 'Only admins of this chat can use /subscribe.'],
    ['an unknown topic', {}, '/subscribe mars 08:00', 'unknown_topic', 'There is no topic "mars".'],
    ['a malformed time', {}, '/subscribe iraq-us-relations 25:61 Asia/Riyadh', 'bad_time', 'time must be a time of day on the 24-hour clock, HH:MM, such as 08:00 or 18:30 (got "25:61").'],
    ['an unknown timezone', {}, '/subscribe iraq-us-relations 08:00 Mars/Phobos', 'unknown_timezone', '"Mars/Phobos" is not a timezone I know.'],
    ['a UTC offset instead of a zone', {}, '/subscribe iraq-us-relations 08:00 timezone=+03:00', 'unknown_timezone', '"+03:00" is not a timezone I know.'],
    ['an unknown frequency', {}, '/subscribe iraq-us-relations frequency=hourly', 'arg_choice', 'frequency must be one of: daily, weekly (got "hourly").'],
  ])('given %s then it is refused with a clear message and nothing is stored', async (_label, spec: Who, line, error, message) => {
    const before = await chatState();
    const result = await h.router.handleText(who(spec), line);
    expect(result).toMatchObject({ outcome: 'rejected', error });
    expect(textOf(result)).toContain(message);
    expect(await chatState()).toEqual(before);
    expect(before).toEqual({ chat: null, subscriptions: [] });
  });

  it('given a private chat then its user may subscribe without being an admin', async () => {
    const result = await h.router.handleText(anyone({ chatId: '7', kind: 'private', isAdmin: false }), '/subscribe iraq-us-relations');
    expect(result.outcome).toBe('ok');
  });

  it('given an Arabic refusal then it names the argument in Arabic', async () => {
    const result = await h.router.handleText(who({ locale: 'ar' }), '/subscribe iraq-us-relations 25:61');
    expect(textOf(result)).toBe('يجب أن يكون الوقت وقتًا بنظام 24 ساعة بصيغة HH:MM، مثل 08:00 أو 18:30 (المُدخل: «25:61»).');
  });
});

describe('/unsubscribe and /subscriptions', () => {
  it('lists subscriptions with their next delivery in local time, and a paused one with its reason', async () => {
    await h.router.handleText(who(), '/subscribe iraq-us-relations 08:00 Asia/Riyadh');
    await h.router.handleText(who(), '/subscribe iran weekly fri');
    const iran = (await h.store.listSubscriptions(GROUP)).find((sub) => sub.topicId === 'iran')!;
    await h.store.pauseSubscription(iran.id, 'the bot was removed from the chat');
    const result = await h.router.handleText(who({ isAdmin: false }), '/subscriptions');
    expect(textOf(result).split('\n').sort()).toEqual(
      [
        'Subscriptions in this chat:',
        '• Iraq–US relations — daily at 08:00 (Asia/Riyadh); next: Mon, 30 Nov 2026, 08:00',
        '• Iran — every Friday at 08:00 (Asia/Baghdad); paused: the bot was removed from the chat',
      ].sort(),
    );
  });

  it('given no subscriptions then it suggests how to make one', async () => {
    expect(textOf(await h.router.handleText(who(), '/subscriptions'))).toBe('This chat has no subscriptions. Try /subscribe gulf-politics 08:00');
  });

  it('removes a subscription, and says so when there is none to remove', async () => {
    await h.router.handleText(who(), '/subscribe iraq-us-relations');
    expect(textOf(await h.router.handleText(who(), '/unsubscribe iraq-us-relations'))).toBe('Unsubscribed from Iraq–US relations. No more digests on it here.');
    expect(await h.store.listSubscriptions(GROUP)).toEqual([]);
    const again = await h.router.handleText(who(), '/unsubscribe iraq-us-relations');
    expect(again).toMatchObject({ outcome: 'rejected', error: 'not_subscribed' });
    expect((await h.router.handleText(who(), '/unsubscribe mars')).error).toBe('unknown_topic');
  });

  it('given a non-admin in a group then unsubscribing is refused and the subscription stays', async () => {
    await h.router.handleText(who(), '/subscribe iraq-us-relations');
    const result = await h.router.handleText(who({ isAdmin: false }), '/unsubscribe iraq-us-relations');
    expect(result.error).toBe('not_admin');
    expect(await h.store.listSubscriptions(GROUP)).toHaveLength(1);
  });
});
