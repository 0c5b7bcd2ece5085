import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/delivery/delivery-error.ts';
import { DISCORD_LIMITS, TELEGRAM_LIMITS } from '../../src/delivery/limits.ts';
import { PlatformRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { Sender, type PermanentFailure, type SenderOptions } from '../../src/delivery/sender.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import type { Platform } from '../../src/store/records.ts';
import { recordingEventLog } from '../support/event-log.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { byTarget, FakePlatform, windowViolations } from './fake-platform.ts';
import { addSubscription, openTestStore, queueRun } from './outbox-fixtures.ts';

const START = '2026-03-01T06:00:00.000Z';
let store: SqlStore | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function setup(platform: Platform = 'telegram', options: Partial<SenderOptions> = {}) {
  const clock = new FakeClock(START);
  store = await openTestStore(clock);
  const fake = new FakePlatform(platform, clock);
  const { lines: logs, log } = recordingEventLog();
  const permanent: PermanentFailure[] = [];
  const sender = new Sender({
    store,
    platform: fake,
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
    log,
    onPermanentFailure: (failure) => void permanent.push(failure),
    ...options,
  });
  const enqueue = (targets: string[], now = clock.now().toISOString()) =>
    (store as SqlStore).enqueueMessages(
      targets.map((targetId, i) => ({ platform, targetId, payload: { text: `<b>message ${i}</b> to ${targetId}` } })),
      now,
    );
  return { clock, store, fake, sender, logs, permanent, enqueue };
}

describe('Sender: rate limits (fake clock, fake platform)', () => {
  it('given 120 messages to 40 private Telegram chats then none is lost and no chat or bot window is exceeded', async () => {
    const { clock, store, fake, sender, enqueue } = await setup('telegram');
    const targets = Array.from({ length: 120 }, (_, i) => String(1000 + (i % 40)));
    await enqueue(targets);

    await clock.runUntil(sender.drain());

    expect(fake.delivered()).toHaveLength(120);
    expect(await store.countOutbox('sent')).toBe(120);
    const instants = fake.attempts.map((a) => a.at);
    expect(windowViolations(instants, 30, 1_000)).toBe(0);
    for (const [, chatInstants] of byTarget(fake.attempts)) expect(windowViolations(chatInstants, 1, 1_000)).toBe(0);
    // 120 messages at 30/s need just over 3 s; the sender should not dawdle.
    const elapsed = clock.ms - new Date(START).getTime();
    expect(elapsed).toBeGreaterThanOrEqual(3_000);
    expect(elapsed).toBeLessThan(4_500);
  });

  it('given 45 messages to one Telegram group then at most 20 go out per minute', async () => {
    const { clock, fake, sender, enqueue } = await setup('telegram');
    await enqueue(Array.from({ length: 45 }, () => '-100777'));

    await clock.runUntil(sender.drain());

    const instants = fake.delivered().map((a) => a.at);
    expect(instants).toHaveLength(45);
    expect(windowViolations(instants, 20, 60_000)).toBe(0);
    expect(windowViolations(instants, 1, 1_000)).toBe(0);
    const first = instants[0] as number;
    expect((instants[20] as number) - first).toBeGreaterThanOrEqual(60_000);
    expect((instants[40] as number) - first).toBeGreaterThanOrEqual(120_000);
  });

  it('given 240 Discord messages to 30 channels then 50/s overall and 5 per 5 s per channel hold', async () => {
    const { clock, fake, sender, enqueue } = await setup('discord', { limits: DISCORD_LIMITS, concurrency: 16 });
    await enqueue(Array.from({ length: 240 }, (_, i) => `chan-${i % 30}`));

    await clock.runUntil(sender.drain());

    expect(fake.delivered()).toHaveLength(240);
    expect(windowViolations(fake.attempts.map((a) => a.at), 50, 1_000)).toBe(0);
    for (const [, chatInstants] of byTarget(fake.attempts)) expect(windowViolations(chatInstants, 5, 5_000)).toBe(0);
  });

  it('given a busy group at the head of the queue then private chats behind it are not starved', async () => {
    const { clock, fake, sender, enqueue } = await setup('telegram', { batchSize: 10 });
    await enqueue(Array.from({ length: 60 }, () => '-100555'));
    await clock.advance(1);
    await enqueue(Array.from({ length: 10 }, (_, i) => String(i)));
    sender.start();
    await clock.advance(2_000);

    expect(fake.delivered().filter((a) => !a.targetId.startsWith('-'))).toHaveLength(10);
    await clock.runUntil(sender.stop());
  });

  it('given a limiter shared with the adapter\'s command replies then digests wait for the replies\' slots', async () => {
    const shared = new PlatformRateLimiter(TELEGRAM_LIMITS);
    const { clock, fake, sender, enqueue } = await setup('telegram', { limiter: shared });
    // The adapter answered a command in chat 77 just now.
    shared.record('77', clock.ms);
    await enqueue(['77']);

    await clock.runUntil(sender.drain());

    expect(fake.delivered().map((a) => a.at - new Date(START).getTime())).toEqual([1_000]);
  });

  it('given sends that take time then no more than `concurrency` are in flight', async () => {
    const { clock, fake, sender, enqueue } = await setup('telegram', { concurrency: 3 });
    fake.latencyMs = 400;
    await enqueue(Array.from({ length: 30 }, (_, i) => String(i)));

    await clock.runUntil(sender.drain());

    expect(fake.delivered()).toHaveLength(30);
    expect(fake.maxInFlight).toBe(3);
  });
});

describe('Sender: 429 retry_after', () => {
  it('given a per-chat 429 then that chat is retried exactly retry_after later while others carry on', async () => {
    const { clock, store, fake, sender, enqueue } = await setup('telegram');
    fake.script = ({ targetId, attemptNo }) => (targetId === '111' && attemptNo === 0 ? DeliveryError.rateLimited(2_345) : null);
    await enqueue(['111', '222', '333']);

    await clock.runUntil(sender.drain());

    const first = fake.attemptsTo('111');
    expect(first.map((a) => a.ok)).toEqual([false, true]);
    expect((first[1] as { at: number }).at - (first[0] as { at: number }).at).toBe(2_345);
    expect(fake.attemptsTo('222')[0]?.at).toBeLessThan((first[1] as { at: number }).at);
    expect(await store.countOutbox('sent')).toBe(3);
  });

  it('given a global 429 then nothing at all is sent until it ends, and the first send is exactly then', async () => {
    const { clock, fake, sender, enqueue } = await setup('discord', { concurrency: 1 });
    fake.script = ({ attemptNo }) => (attemptNo === 0 ? DeliveryError.rateLimited(7_000, { global: true }) : null);
    await enqueue(['a', 'b', 'c', 'd']);

    await clock.runUntil(sender.drain());

    const [limited, ...rest] = fake.attempts;
    expect(limited?.ok).toBe(false);
    expect(rest).toHaveLength(4);
    expect(Math.min(...rest.map((a) => a.at)) - (limited as { at: number }).at).toBe(7_000);
  });
});

describe('Sender: transient failures', () => {
  it('given 5xx errors then it backs off exponentially (full jitter) and delivers when the platform recovers', async () => {
    const unlimited = { global: null, perChat: null, perGroup: null };
    const { clock, store, fake, sender, enqueue } = await setup('telegram', { limits: unlimited, retry: { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 6 } });
    fake.script = ({ attemptNo }) => (attemptNo < 3 ? DeliveryError.transient('502 Bad Gateway', { status: 502 }) : null);
    await enqueue(['42']);

    await clock.runUntil(sender.drain());

    const gaps = fake.attempts.slice(1).map((a, i) => a.at - (fake.attempts[i] as { at: number }).at);
    // random() = 0.5: half of 1 s, 2 s, 4 s.
    expect(gaps).toEqual([500, 1_000, 2_000]);
    expect(await store.countOutbox('sent')).toBe(1);
  });

  it('given a platform that never recovers then the message fails after maxAttempts and is not tried again', async () => {
    const { clock, store, fake, sender, enqueue, logs } = await setup('telegram', { retry: { maxAttempts: 4 } });
    fake.script = () => DeliveryError.transient('ECONNRESET');
    await enqueue(['42']);

    await clock.runUntil(sender.drain());
    await clock.advance(3_600_000);

    expect(fake.attempts).toHaveLength(4);
    expect(await store.countOutbox('failed')).toBe(1);
    expect(logs.filter((l) => l.event === 'delivery.failed')).toHaveLength(1);
  });

  it('given the adapter throws something unexpected then it is retried a bounded number of times', async () => {
    const { clock, store, fake, sender, enqueue } = await setup('telegram', { retry: { maxAttempts: 3 } });
    fake.script = () => {
      throw new TypeError('cannot read properties of undefined');
    };
    await enqueue(['42']);

    await clock.runUntil(sender.drain());

    expect(fake.attempts).toHaveLength(0);
    expect(await store.countOutbox('failed')).toBe(1);
  });

  it('given a send that never answers then it times out as a transient failure', async () => {
    const { clock, store, fake, sender, enqueue } = await setup('telegram', { sendTimeoutMs: 5_000 });
    let calls = 0;
    fake.send = async () => {
      calls++;
      if (calls === 1) await new Promise(() => undefined);
      return {};
    };
    await enqueue(['42']);

    await clock.runUntil(sender.drain());

    expect(calls).toBe(2);
    expect(await store.countOutbox('sent')).toBe(1);
  });
});

describe('Sender: permanent failures', () => {
  it.each([
    { kind: 'blocked', error: DeliveryError.blocked('Forbidden: bot was blocked by the user') },
    { kind: 'gone', error: DeliveryError.gone('Bad Request: chat not found') },
    { kind: 'forbidden', error: DeliveryError.forbidden('SEND_MESSAGES') },
  ])('given $kind then the target is paused with the reason, its queue dropped, an admin told once, and no loop', async ({ kind, error }) => {
    const { clock, store, fake, sender, permanent } = await setup('telegram');
    const sub = await addSubscription(store, { platform: 'telegram', chatId: '-100900' });
    const other = await addSubscription(store, { platform: 'telegram', chatId: '-100901' });
    await queueRun(store, sub, [{ text: 'one' }, { text: 'two' }, { text: 'three' }], '2026-03-01T05:00:00.000Z');
    await queueRun(store, other, [{ text: 'elsewhere' }], '2026-03-01T05:00:00.000Z');
    fake.script = ({ targetId }) => (targetId === '-100900' ? error : null);

    await clock.runUntil(sender.drain());
    await clock.advance(3_600_000);

    expect(fake.attemptsTo('-100900')).toHaveLength(1);
    expect(fake.attemptsTo('-100901').map((a) => a.ok)).toEqual([true]);
    const paused = await store.getSubscription(sub.id);
    expect(paused?.status).toBe('paused');
    expect(paused?.pausedReason).toContain(kind);
    expect((await store.getSubscription(other.id))?.status).toBe('active');
    expect(await store.countOutbox('failed')).toBe(3);
    expect(permanent).toEqual([
      expect.objectContaining({ platform: 'telegram', targetId: '-100900', kind, subscriptionId: sub.id, pausedSubscriptions: 1, droppedMessages: 3 }),
    ]);
  });

  it('given a group migrated to a supergroup then the chat moves and the digest goes to the new id', async () => {
    const { clock, store, fake, sender } = await setup('telegram');
    const sub = await addSubscription(store, { platform: 'telegram', chatId: '-4001' });
    await queueRun(store, sub, [{ text: 'first' }, { text: 'second' }], '2026-03-01T05:00:00.000Z');
    fake.script = ({ targetId }) => (targetId === '-4001' ? DeliveryError.migrated('-1004001') : null);

    await clock.runUntil(sender.drain());

    expect(fake.attempts.map((a) => [a.targetId, a.ok])).toEqual([
      ['-4001', false],
      ['-1004001', true],
      ['-1004001', true],
    ]);
    const moved = await store.getSubscription(sub.id);
    expect(moved?.chat.chatId).toBe('-1004001');
    expect(moved?.targetId).toBe('-1004001');
  });

  it('given a platform that keeps answering "migrated" back and forth then it gives up instead of looping', async () => {
    const { clock, store, fake, sender } = await setup('telegram', { retry: { maxMigrations: 2 } });
    await store.enqueueMessages([{ platform: 'telegram', targetId: '-1', payload: { text: 'x' } }], START);
    fake.script = ({ targetId }) => DeliveryError.migrated(targetId === '-1' ? '-2' : '-1');

    await clock.runUntil(sender.drain());

    expect(fake.attempts).toHaveLength(3);
    expect(await store.countOutbox('failed')).toBe(1);
  });

  it('given a malformed body then the plain-text version is sent once', async () => {
    const { clock, store, fake, sender, enqueue } = await setup('telegram');
    fake.script = ({ body }) => ((body as { text: string }).text.includes('<b>') ? DeliveryError.badPayload("Bad Request: can't parse entities") : null);
    await enqueue(['42']);

    await clock.runUntil(sender.drain());

    expect(fake.attempts.map((a) => [a.body, a.ok])).toEqual([
      [{ text: '<b>message 0</b> to 42' }, false],
      [{ text: 'message 0 to 42' }, true],
    ]);
    expect(await store.countOutbox('sent')).toBe(1);
  });

  it('given the plain-text version is refused too then the message fails after two attempts, no loop', async () => {
    const { clock, store, fake, sender, enqueue } = await setup('telegram');
    fake.script = () => DeliveryError.badPayload('Bad Request: message is too long');
    await enqueue(['42']);

    await clock.runUntil(sender.drain());
    await clock.advance(3_600_000);

    expect(fake.attempts).toHaveLength(2);
    expect(await store.countOutbox('failed')).toBe(1);
  });
});

describe('Sender: order, restart and stop', () => {
  it('given a run of several messages then they arrive in order', async () => {
    const { clock, fake, sender, store } = await setup('discord', { concurrency: 8 });
    const sub = await addSubscription(store, { platform: 'discord', chatId: 'guild-1', targetId: 'chan-9' });
    await queueRun(store, sub, [1, 2, 3, 4, 5, 6].map((n) => ({ content: `part ${n}` })), '2026-03-01T05:00:00.000Z');

    await clock.runUntil(sender.drain());

    expect(fake.delivered().map((a) => (a.body as { content: string }).content)).toEqual(['part 1', 'part 2', 'part 3', 'part 4', 'part 5', 'part 6']);
  });

  it('given a restarted sender on the same outbox then nothing sent before is sent again', async () => {
    const { clock, store, fake, sender, enqueue } = await setup('telegram');
    await enqueue(['1', '2', '3']);
    await clock.runUntil(sender.drain());
    const again = new Sender({ store, platform: fake, clock, sleep: clock.sleep });

    await clock.runUntil(again.drain());

    expect(fake.attempts).toHaveLength(3);
  });

  it('given stop() while sends are in flight then they finish and are recorded before it resolves', async () => {
    const { clock, store, fake, sender, enqueue } = await setup('telegram', { concurrency: 4 });
    fake.latencyMs = 2_000;
    await enqueue(['1', '2', '3', '4', '5', '6']);
    sender.start();
    await clock.advance(100);

    await clock.runUntil(sender.stop());

    expect(fake.attempts).toHaveLength(4);
    expect(await store.countOutbox('sent')).toBe(4);
    expect(await store.countOutbox('pending')).toBe(2);
    expect(sender.running).toBe(false);
  });

  it('given notify() after enqueueing then an idle sender sends without waiting for its poll', async () => {
    const { clock, fake, sender, enqueue } = await setup('telegram', { idlePollMs: 60_000 });
    sender.start();
    await clock.advance(10);
    await enqueue(['5']);
    sender.notify();
    await clock.advance(1);

    expect(fake.delivered()).toHaveLength(1);
    await clock.runUntil(sender.stop());
  });
});

describe('Sender: default limits', () => {
  it('given Telegram defaults then they are 30/s per bot, 1/s per chat and 20/min per group', () => {
    expect(TELEGRAM_LIMITS.global).toEqual({ limit: 30, windowMs: 1_000 });
    expect(TELEGRAM_LIMITS.perChat).toEqual({ limit: 1, windowMs: 1_000 });
    expect(TELEGRAM_LIMITS.perGroup).toEqual({ limit: 20, windowMs: 60_000 });
    expect(TELEGRAM_LIMITS.isGroupTarget?.('-1001234')).toBe(true);
    expect(TELEGRAM_LIMITS.isGroupTarget?.('1234')).toBe(false);
  });
});
