import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { ingestContent } from '../../src/pipeline/ingest.ts';
import { describeWithShared, sharedPath } from '../support/shared.ts';
import { briefingsOf, createHarness, textOf, who, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('/digest', () => {
  it('given no subscription to the topic then it previews the last day of news on it', async () => {
    // The sample content was ingested at 2026-11-28 06:00 UTC, inside the day before 20:00.
    h.clock.set('2026-11-28T20:00:00.000Z');
    const result = await h.router.handleText(who({ chatId: 'preview-1' }), '/digest iraq-us-relations');
    expect(result.outcome).toBe('ok');
    expect(result.reply.parts[0]).toEqual({ kind: 'text', text: 'Digest preview for Iraq–US relations, news since Fri, 27 Nov 2026, 23:00:' });
    const [briefing] = briefingsOf(result);
    expect(briefing!.topicId).toBe('iraq-us-relations');
    expect(briefing!.items.length).toBeGreaterThan(0);
  });

  it('given a subscription made after the last news then nothing new would be sent', async () => {
    h.clock.set('2026-11-29T08:00:00.000Z');
    await h.router.handleText(who({ chatId: 'preview-2' }), '/subscribe iraq-us-relations');
    h.clock.set('2026-11-29T09:00:00.000Z');
    const result = await h.router.handleText(who({ chatId: 'preview-2' }), '/digest');
    expect(textOf(result)).toBe('Nothing new on Iraq–US relations since Sun, 29 Nov 2026, 11:00: no digest would be sent now.');
  });

  it('given no subscriptions and no topic then it explains what to do', async () => {
    const result = await h.router.handleText(who({ chatId: 'preview-3' }), '/digest');
    expect(result).toMatchObject({ outcome: 'rejected', error: 'no_subscriptions' });
  });
});

describeWithShared('news-sample', '/digest after new articles arrive', () => {
  it('previews exactly what arrived since the subscription, nothing older', async () => {
    h.clock.set('2026-11-30T08:00:00.000Z');
    await h.router.handleText(who({ chatId: 'preview-4' }), '/subscribe iraq-us-relations');
    h.clock.set('2026-11-30T08:30:00.000Z');
    // A report of the Iraqi parliament asking for a timetable for foreign forces to leave.
    await ingestContent({ store: h.store, topics: h.topics.compiled, clock: h.clock, logger: silentLogger() }, [
      sharedPath('news-sample', 'articles', 'SkyNews', 'SK-middleEast-155-20180301.txt'),
    ]);
    h.clock.set('2026-11-30T09:00:00.000Z');
    const [briefing] = briefingsOf(await h.router.handleText(who({ chatId: 'preview-4' }), '/digest iraq-us-relations'));
    expect(briefing!.items).toHaveLength(1);
    expect(briefing!.items[0]!.headline).toContain('البرلمان العراقي');
  });
});
