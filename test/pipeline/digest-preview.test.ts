import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderText } from '../../src/core/render/index.ts';
import { StoreDigestComposer, DIGEST_TIME_ZONE } from '../../src/digest/compose.ts';
import { silentLogger } from '../../src/logger.ts';
import { ingestContent } from '../../src/pipeline/ingest.ts';
import { previewWindow } from '../../src/pipeline/digest-preview.ts';
import { DigestScheduler } from '../../src/scheduler/scheduler.ts';
import { briefingsOf, createHarness, who, type Harness } from '../command-defs/harness.ts';
import { describeWithShared, sharedPath } from '../support/shared.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

it.each([
  ['a first digest: since the subscription was made', { since: '2026-11-29T08:00:00.000Z', frequency: 'daily' as const }, '2026-11-29T08:00:00.000Z'],
  ['a week-old last run of a daily digest: at most two days back', { since: '2026-11-22T05:00:00.000Z', frequency: 'daily' as const }, '2026-11-28T05:00:00.000Z'],
  ['no subscription: one period back', { since: null, frequency: 'weekly' as const }, '2026-11-23T05:00:00.000Z'],
])('the preview window for %s', (_label, request, from) => {
  expect(previewWindow({ ...request, now: new Date('2026-11-30T05:00:00.000Z') })).toEqual({ from, to: '2026-11-30T05:00:00.000Z' });
});

describeWithShared('news-sample', 'the /digest preview and the scheduled digest', () => {
  it('given the due instant then the preview is exactly the digest the scheduler sends', async () => {
    const chat = who({ platform: 'console', chatId: 'local', kind: 'console' });
    h.clock.set('2026-11-29T08:00:00.000Z');
    await h.router.handleText(chat, '/subscribe iraq-us-relations 08:00 Asia/Baghdad');
    h.clock.set('2026-11-29T12:00:00.000Z');
    await ingestContent({ store: h.store, topics: h.topics.compiled, clock: h.clock, logger: silentLogger() }, [
      sharedPath('news-sample', 'articles', 'SkyNews', 'SK-middleEast-155-20180301.txt'),
      sharedPath('news-sample', 'articles', 'CNN', 'CN-middleEast-141-20180301.txt'),
    ]);
    // Due at 08:00 Baghdad = 05:00 UTC the next day.
    h.clock.set('2026-11-30T05:00:00.000Z');
    const [preview] = briefingsOf(await h.router.handleText(chat, '/digest iraq-us-relations'));
    expect(preview!.items.length).toBeGreaterThan(0);

    const topicNames = (id: string) => h.topics.catalog.get(id)?.name;
    const scheduler = new DigestScheduler({ store: h.store, composer: new StoreDigestComposer(h.store, topicNames), clock: h.clock });
    const report = await scheduler.tick(h.clock.now());
    expect(report).toMatchObject({ due: 1, queued: 1 });
    const [delivery] = await h.store.nextDeliveries('console', h.clock.now().toISOString(), 10);
    expect(delivery!.body).toBe(renderText(preview!, { timeZone: DIGEST_TIME_ZONE }));
  });
});
