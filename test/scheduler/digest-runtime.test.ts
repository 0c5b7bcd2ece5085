import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/delivery/delivery-error.ts';
import { permanentFailureNotice } from '../../src/delivery/notices.ts';
import type { PermanentFailure } from '../../src/delivery/sender.ts';
import { createDigestRuntime } from '../../src/scheduler/digest-runtime.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { byTarget, FakePlatform, windowViolations } from '../delivery/fake-platform.ts';
import { ingestSample, loadSampleContent, topicNamesOf } from '../digest/sample-store.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { subscribe } from './scheduler-fixtures.ts';

const CREATED = '2026-03-01T12:00:00.000Z';
const DUE = '2026-03-02T05:00:00.000Z';

let store: SqlStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('digest runtime: scheduler, composer and senders together', () => {
  it('given subscribers on three platforms in two languages then each group is rendered once and every subscriber receives the whole digest', async () => {
    const clock = new FakeClock(CREATED);
    store = await openSqliteStore({ path: ':memory:', clock });
    const sample = await loadSampleContent();
    await ingestSample(store, sample, '2026-03-01T20:00:00.000Z');
    const telegram = new FakePlatform('telegram', clock);
    const discord = new FakePlatform('discord', clock);
    const console = new FakePlatform('console', clock);
    const permanent: PermanentFailure[] = [];
    const runtime = createDigestRuntime({
      store,
      topicNames: topicNamesOf(sample.topics),
      platforms: [telegram, discord, console],
      clock,
      sleep: clock.sleep,
      onPermanentFailure: (failure) => void permanent.push(failure),
    });
    const chats = [
      ...Array.from({ length: 6 }, (_, i) => ({ chatId: `ar-${i}`, language: 'ar' as const, platform: 'telegram' as const })),
      ...Array.from({ length: 4 }, (_, i) => ({ chatId: `en-${i}`, language: 'en' as const, platform: 'telegram' as const })),
      ...Array.from({ length: 3 }, (_, i) => ({ chatId: `chan-${i}`, language: 'ar' as const, platform: 'discord' as const })),
      { chatId: 'terminal', language: 'en' as const, platform: 'console' as const },
    ];
    for (const chat of chats) await subscribe(store, { ...chat, nextDueAt: DUE });
    telegram.script = ({ targetId }) => (targetId === 'ar-5' ? DeliveryError.blocked('Forbidden: bot was blocked by the user') : null);
    await clock.set(DUE);

    const report = await runtime.scheduler.tick();
    await clock.runUntil(Promise.all([...runtime.senders.values()].map((sender) => sender.drain())));

    expect(report).toMatchObject({ due: 14, queued: 14, groups: 4, renders: 4 });
    const bodiesPerChat = (platform: FakePlatform) => new Map([...byTarget(platform.delivered())].map(([target, at]) => [target, at.length]));
    const telegramCounts = bodiesPerChat(telegram);
    const arParts = telegramCounts.get('ar-0') as number;
    expect(arParts).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect(telegramCounts.get(`ar-${i}`)).toBe(arParts);
    expect(telegramCounts.has('ar-5')).toBe(false);
    for (let i = 0; i < 4; i++) expect(telegramCounts.get(`en-${i}`)).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) expect(bodiesPerChat(discord).get(`chan-${i}`)).toBeGreaterThan(0);
    expect(console.delivered()).toHaveLength(1);
    expect(typeof console.delivered()[0]?.body).toBe('string');
    for (const [, instants] of byTarget(telegram.attempts)) expect(windowViolations(instants, 1, 1_000)).toBe(0);

    expect(permanent).toHaveLength(1);
    expect(permanentFailureNotice(permanent[0] as PermanentFailure, 'ar')).toBe(
      'أُوقفت الموجزات إلى ar-5: حُظر البوت أو أُزيل. يمكن لأحد المشرفين إصلاح ذلك ثم الاشتراك من جديد.',
    );
    expect(await store.countOutbox('pending')).toBe(0);
  });
});

describe('permanentFailureNotice', () => {
  it.each([
    [{ kind: 'gone', targetId: '123' }, 'en', 'Digests to #news are paused: the chat or channel no longer exists. An admin can fix this and subscribe again.'],
    [{ kind: 'forbidden', targetId: '123', permission: 'EMBED_LINKS' }, 'en', 'Digests to #news are paused: the bot lacks the EMBED_LINKS permission there. An admin can fix this and subscribe again.'],
    [{ kind: 'forbidden', targetId: '123' }, 'ar', 'أُوقفت الموجزات إلى #news: ينقص البوت إذنٌ هناك. يمكن لأحد المشرفين إصلاح ذلك ثم الاشتراك من جديد.'],
  ] as const)('given %j in %s then the admin reads one clear line', (failure, language, expected) => {
    expect(permanentFailureNotice(failure, language, '#news')).toBe(expected);
  });
});
