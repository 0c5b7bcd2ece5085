import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, textOf, who as anyone, type Harness, type Who } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

let chat: { platform: 'telegram'; chatId: string };
let serial = 0;
beforeEach(() => {
  serial += 1;
  chat = { platform: 'telegram', chatId: `-200${serial}` };
});
const who = (spec: Who = {}) => anyone({ chatId: chat.chatId, ...spec });

describe('/settings', () => {
  it('given no arguments then it shows the defaults of a chat never seen, without storing it', async () => {
    const result = await h.router.handleText(who(), '/settings');
    expect(textOf(result)).toBe(["Settings for this chat:", "• Language: each user's own", '• Default timezone: Asia/Baghdad', '• Quiet hours: off'].join('\n'));
    expect(await h.store.getChat(chat)).toBeNull();
  });

  it('given values then it saves them and shows the result', async () => {
    const result = await h.router.handleText(who(), '/settings timezone=europe/london 22:00-7:00');
    expect(textOf(result)).toBe(['Settings saved.', 'Settings for this chat:', "• Language: each user's own", '• Default timezone: Europe/London', '• Quiet hours: 22:00–07:00'].join('\n'));
    expect((await h.store.getChat(chat))?.settings).toEqual({ language: null, timezone: 'Europe/London', digestTargetId: null, quietHours: { from: '22:00', to: '07:00' } });
  });

  it('given a language then the chat is answered in it from then on, whatever each user\'s locale', async () => {
    const result = await h.router.handleText(who({ locale: 'en' }), '/settings ar');
    expect(textOf(result).split('\n')[0]).toBe('تم حفظ الإعدادات.');
    expect((await h.router.handleText(who({ locale: 'en' }), '/subscriptions')).language).toBe('ar');
    await h.router.handleText(who(), '/settings language=auto');
    expect((await h.router.handleText(who({ locale: 'en' }), '/subscriptions')).language).toBe('en');
  });

  it('given a new default timezone then new subscriptions take it', async () => {
    await h.router.handleText(who(), '/settings Asia/Tokyo');
    await h.router.handleText(who(), '/subscribe iran');
    expect((await h.store.listSubscriptions(chat))[0]?.timezone).toBe('Asia/Tokyo');
  });

  it('given quiet hours "off" then they are cleared', async () => {
    await h.router.handleText(who(), '/settings 23:00-06:30');
    await h.router.handleText(who(), '/settings quiet_hours=off');
    expect((await h.store.getChat(chat))?.settings.quietHours).toBeNull();
  });

  it.each([
    ['a non-admin in a group', { isAdmin: false }, '/settings ar', 'not_admin', 'Only admins of this chat can use /settings.'],
    ['a non-admin only looking', { isAdmin: false }, '/settings', 'not_admin', 'Only admins of this chat can use /settings.'],
    ['malformed quiet hours', {}, '/settings quiet_hours=late', 'bad_quiet_hours', 'Quiet hours look like 22:00-07:00, or "off" (got "late").'],
    ['quiet hours of no length', {}, '/settings quiet_hours=08:00-08:00', 'bad_quiet_hours', 'Quiet hours look like 22:00-07:00'],
    ['an unknown timezone', {}, '/settings timezone=Atlantis/Capital', 'unknown_timezone', '"Atlantis/Capital" is not a timezone I know.'],
    ['an unknown language', {}, '/settings language=fr', 'arg_choice', 'language must be one of: ar, en, auto (got "fr").'],
    ['a digest channel outside Discord', {}, '/settings digest_channel=123', 'digest_channel_discord_only', 'A separate digest channel exists on Discord only'],
  ])('given %s then it is refused and nothing changes', async (_label, spec: Who, line, error, message) => {
    await h.router.handleText(who(), '/settings Asia/Riyadh');
    const before = await h.store.getChat(chat);
    const result = await h.router.handleText(who(spec), line);
    expect(result).toMatchObject({ outcome: 'rejected', error });
    expect(textOf(result)).toContain(message);
    expect(await h.store.getChat(chat)).toEqual(before);
  });

  it('on Discord shows and clears the digest channel', async () => {
    const guild = (spec: Who = {}) => anyone({ platform: 'discord', chatId: `9${serial}`, kind: 'guild', ...spec });
    await h.router.handleOptions(guild(), 'settings', { digest_channel: '4242' });
    expect(textOf(await h.router.handleText(guild(), '/settings'))).toContain('• Digest channel: <#4242>');
    await h.router.handleOptions(guild(), 'settings', { digest_channel: `9${serial}` });
    expect(textOf(await h.router.handleText(guild(), '/settings'))).toContain('• Digest channel: where /subscribe is used');
  });
});
