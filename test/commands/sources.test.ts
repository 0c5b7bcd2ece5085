import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, textOf, who, type Harness } from '../command-defs/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('/sources', () => {
  it('given no sources then list says how to add one', async () => {
    expect(textOf(await h.router.handleText(who(), '/sources'))).toBe('No sources yet. Add one with /sources add <feed address>.');
  });

  it('adds, lists, pauses, resumes and removes a source', async () => {
    const added = textOf(await h.router.handleText(who(), '/sources add https://www.al-madina.example/rss.xml Al-Madina ar 15'));
    expect(added).toBe('Source al-madina added: https://www.al-madina.example/rss.xml. It is polled every 15 minutes, starting now.');
    expect(await h.store.getSource('al-madina')).toMatchObject({ name: 'Al-Madina', language: 'ar', pollMinutes: 15, status: 'active', kind: 'feed', addedBy: '7' });

    expect(textOf(await h.router.handleText(who(), '/sources list'))).toBe(
      ['Sources (1):', '• al-madina — Al-Madina [feed, ar, every 15 min] active', '  https://www.al-madina.example/rss.xml'].join('\n'),
    );
    expect(textOf(await h.router.handleText(who(), '/sources pause al-madina'))).toBe('Source al-madina paused. /sources resume al-madina to poll it again.');
    expect(textOf(await h.router.handleText(who(), '/sources'))).toContain('paused\n  https://www.al-madina.example/rss.xml\n  Paused: paused by Huda');
    expect(textOf(await h.router.handleText(who(), '/sources resume al-madina'))).toBe('Source al-madina resumed; it is polled again from now.');
    expect((await h.store.getSource('al-madina'))?.status).toBe('active');
    expect(textOf(await h.router.handleText(who(), '/sources remove al-madina'))).toBe('Source al-madina removed.');
    expect(await h.store.getSource('al-madina')).toBeNull();
  });

  it('shows why a source was paused by failures and answers in Arabic', async () => {
    await h.store.upsertSource({ id: 'broken', name: 'Broken', url: 'https://broken.example/feed', kind: 'feed', language: 'en', pollMinutes: 30, topics: [], addedBy: null });
    await h.store.updateSourceState('broken', { status: 'paused', pausedReason: '12 failed polls in a row; last: https://broken.example/feed answered HTTP 410', failures: 12 });
    const text = textOf(await h.router.handleText(who({ locale: 'ar' }), '/sources'));
    expect(text).toContain('متوقف');
    expect(text).toContain('سبب التوقف: 12 failed polls in a row; last: https://broken.example/feed answered HTTP 410');
    await h.store.deleteSource('broken');
  });

  it.each([
    ['a non-admin', { isAdmin: false }, '/sources', 'Only admins of this chat can use /sources.'],
    ['a bad address', {}, '/sources add ftp://example.com/feed', '"ftp://example.com/feed" is not a feed address: give an http:// or https:// URL.'],
    ['an unknown source', {}, '/sources pause nope', 'There is no source nope. /sources list shows them all.'],
    ['no source id', {}, '/sources remove', 'Say which source: /sources remove <id>.'],
  ])('given %s then it answers with a clear error', async (_name, spec, line, message) => {
    expect(textOf(await h.router.handleText(who(spec), line))).toBe(message);
  });
});

describe('/subscribe alerts', () => {
  it('turns breaking alerts on and off for the subscription', async () => {
    const on = textOf(await h.router.handleText(who({ chatId: '-alerts' }), '/subscribe iraq-us-relations alerts=true'));
    expect(on).toContain('Breaking alerts on: major new stories arrive at once, at most 3 an hour.');
    const [sub] = await h.store.listSubscriptions({ platform: 'telegram', chatId: '-alerts' });
    expect(await h.store.listAlertSettings([sub?.id ?? ''])).toEqual([{ subscriptionId: sub?.id, threshold: 8, perHour: 3 }]);
    const off = textOf(await h.router.handleText(who({ chatId: '-alerts' }), '/subscribe iraq-us-relations alerts=false'));
    expect(off).toContain('Breaking alerts off: only the digest.');
    expect(await h.store.listAlertSettings([sub?.id ?? ''])).toEqual([]);
  });
});
