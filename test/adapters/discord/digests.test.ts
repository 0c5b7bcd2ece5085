/**
 * Scheduled digests on Discord, end to end: an admin subscribes through a real interaction, new
 * articles arrive, the scheduler's minute tick (driven by the test's clock) enqueues the digest,
 * and the outbox sender delivers it through the adapter to the fake Discord, which enforces rate
 * limits and permissions. Also: `npm start` with a Discord token runs this adapter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { startApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Article } from '../../../src/core/types.ts';
import { StoreDigestComposer } from '../../../src/digest/compose.ts';
import { Sender, type PermanentFailure } from '../../../src/delivery/sender.ts';
import { silentLogger } from '../../../src/logger.ts';
import { ingestArticles } from '../../../src/pipeline/ingest.ts';
import { DigestScheduler } from '../../../src/scheduler/scheduler.ts';
import { discordMessageProblems, type DiscordBody } from '../../support/discord-payload.ts';
import { repoRoot } from '../../support/shared.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import type { OptionInput } from '../../fakes/discord/interactions.ts';
import { messageProblems } from '../../fakes/discord/message-rules.ts';
import { PERM, type FakeChannel, type FakeUser } from '../../fakes/discord/model.ts';
import { startDiscordHarness, type DiscordHarness } from './harness.ts';

let h: DiscordHarness;
let sender: Sender;
let scheduler: DigestScheduler;
const permanent: PermanentFailure[] = [];
let fresh = 0;

beforeAll(async () => {
  h = await startDiscordHarness();
  sender = new Sender({
    store: h.store,
    platform: h.adapter.sender,
    clock: h.clock,
    sleep: h.clock.sleep,
    // One at a time, and no send timeout: the test's clock jumps whenever the sender waits.
    concurrency: 1,
    sendTimeoutMs: 0,
    onPermanentFailure: async (failure) => {
      permanent.push(failure);
      await h.adapter.notifyPermanentFailure(failure);
    },
  });
  scheduler = new DigestScheduler({ store: h.store, composer: new StoreDigestComposer(h.store, (id) => h.topics.catalog.get(id)?.name), clock: h.clock });
});
afterAll(async () => h?.close());

async function run(user: FakeUser, channel: FakeChannel | null, name: string, options: Record<string, OptionInput>): Promise<string> {
  const interaction = h.fake.slashCommand({ user, channel, name, options });
  await interaction.acknowledged;
  await h.adapter.idle();
  return interaction.messages().map((message) => message.content).join('\n');
}

/** New reports on the topic arrive at `instant`: copies of the sample's matching articles under new ids. */
async function articlesArrive(instant: string, topicId = 'iraq-us-relations', count = 3): Promise<void> {
  h.clock.set(instant);
  const matching: Article[] = [];
  for (const article of h.articles) {
    if (matching.length >= count) break;
    if ((await h.store.getArticleTopics(article.id)).some((record) => record.topicId === topicId && record.matched)) matching.push(article);
  }
  fresh++;
  const now = h.clock.now().toISOString();
  const copies = matching.map((article) => ({ ...article, id: `${article.id}-fresh-${fresh}`, publishedAt: now, fetchedAt: now }));
  await ingestArticles({ store: h.store, topics: h.topics.compiled, clock: h.clock, logger: silentLogger() }, copies);
}

/** The scheduler's tick at `instant`, then the sender until the outbox is empty. */
async function tickAndDeliver(instant: string) {
  h.clock.set(instant);
  const report = await scheduler.tick(h.clock.now());
  await sender.drain();
  return report;
}

describe('an admin\'s subscription', () => {
  it('delivers the digest to the channel at the scheduled minute, as embeds within Discord\'s limits', async () => {
    h.clock.set('2026-11-29T07:50:00.000Z');
    expect(await run(h.world.moderator, h.world.news, 'subscribe', { topic: 'iraq-us-relations', time: '08:00', timezone: 'UTC' })).toMatch(/^Subscribed/);
    await articlesArrive('2026-11-29T07:55:00.000Z');
    const before = h.fake.channelMessages(h.world.news.id).length;

    expect((await tickAndDeliver('2026-11-29T07:59:00.000Z')).due).toBe(0);
    expect(h.fake.channelMessages(h.world.news.id).length).toBe(before);

    const report = await tickAndDeliver('2026-11-29T08:00:00.000Z');
    expect(report).toMatchObject({ due: 1, queued: 1 });
    const digest = h.fake.channelMessages(h.world.news.id).slice(before);
    expect(digest.length).toBe(report.messages);
    expect(digest[0]?.at).toBe(Date.parse('2026-11-29T08:00:00.000Z'));
    expect(digest[0]?.content).toContain('Iraq–US relations');
    expect(digest[0]?.embeds.length).toBeGreaterThan(0);
    for (const message of digest) {
      expect(messageProblems(message.body, 'channel')).toEqual([]);
      expect(discordMessageProblems(message.body as DiscordBody)).toEqual([]);
    }
  });

  it('honours a 429\'s retry_after once: the digest goes out exactly that much later, and only once', async () => {
    await articlesArrive('2026-11-29T12:00:00.000Z');
    h.fake.limits.script({ method: 'POST', route: '/channels/:channel/messages', major: h.world.news.id, retryAfterMs: 2_500 });
    const before = h.fake.channelMessages(h.world.news.id).length;
    const firstRequest = h.fake.requests.length;

    await tickAndDeliver('2026-11-30T08:00:00.000Z');
    const posts = h.fake.requests.slice(firstRequest).filter((request) => request.route === '/channels/:channel/messages' && request.params['channel'] === h.world.news.id);
    expect(posts.map((post) => post.status).slice(0, 2)).toEqual([429, 200]);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBe(2_500);
    const delivered = h.fake.channelMessages(h.world.news.id).slice(before);
    expect(delivered.length).toBe(posts.filter((post) => post.status === 200).length);
    expect(new Set(delivered.map((message) => JSON.stringify(message.body))).size).toBe(delivered.length);
    expect(sender.stats().retried).toBeGreaterThanOrEqual(1);
  });

  it('given Discord answers 50013 then the subscription is paused with the reason and the admins are told once, where it was made', async () => {
    const digests = h.fake.addChannel(h.world.guild, 'digests');
    h.fake.gateway.dispatch('CHANNEL_CREATE', { id: digests.id, type: 0, name: 'digests', guild_id: h.world.guild.id, position: 9, permission_overwrites: [], parent_id: null });
    h.clock.set('2026-11-30T08:30:00.000Z');
    expect(await run(h.world.owner, h.world.general, 'settings', { digest_channel: { channel: digests.id } })).toMatch(/^Settings saved/);
    expect(await run(h.world.owner, h.world.general, 'subscribe', { topic: 'iraq-us-relations', time: '09:00', timezone: 'UTC' })).toContain(`Digests go to <#${digests.id}>.`);

    h.fake.denyBot(digests, PERM.SendMessages);
    await articlesArrive('2026-11-30T08:45:00.000Z');
    const noticesBefore = h.fake.channelMessages(h.world.general.id).length;
    await tickAndDeliver('2026-11-30T09:00:00.000Z');

    expect(h.fake.channelMessages(digests.id)).toEqual([]);
    const [subscription] = await h.store.listSubscriptions({ platform: 'discord', chatId: h.world.general.id });
    expect(subscription).toMatchObject({ status: 'paused', targetId: digests.id });
    expect(subscription?.pausedReason).toMatch(/^forbidden: .*code 50013/);
    expect(permanent.map((failure) => [failure.targetId, failure.kind, failure.permission])).toEqual([[digests.id, 'forbidden', 'Send Messages']]);
    const notices = h.fake.channelMessages(h.world.general.id).slice(noticesBefore);
    expect(notices.map((notice) => notice.content)).toEqual([
      `Digests to <#${digests.id}> are paused: the bot lacks the Send Messages permission there. An admin can fix this and subscribe again.`,
    ]);

    // The next day nothing is attempted: the subscription is paused, so no second notice either.
    await articlesArrive('2026-12-01T08:45:00.000Z');
    await tickAndDeliver('2026-12-01T09:00:00.000Z');
    expect(h.fake.channelMessages(h.world.general.id).length).toBe(noticesBefore + 1);
    expect(permanent).toHaveLength(1);
  });
});

describe('a personal subscription', () => {
  it('given a process that does not hold the gateway then the admins are still told, in the system channel read over REST', async () => {
    const briefs = h.fake.addChannel(h.world.guild, 'briefs');
    h.fake.gateway.dispatch('CHANNEL_CREATE', { id: briefs.id, type: 0, name: 'briefs', guild_id: h.world.guild.id, position: 10, permission_overwrites: [], parent_id: null });
    h.clock.set('2026-12-02T08:00:00.000Z');
    expect(await run(h.world.owner, briefs, 'subscribe', { topic: 'iraq-us-relations', time: '10:00', timezone: 'UTC' })).toMatch(/^Subscribed/);
    const [subscription] = await h.store.listSubscriptions({ platform: 'discord', chatId: briefs.id });
    expect(subscription?.targetId).toBe(briefs.id);
    // Built like the running adapter, never logged in: its guild cache is empty.
    const standby = new DiscordAdapter({ config: h.config, router: h.router, store: h.store, clock: h.clock, logger: h.log.logger, topics: h.topics.catalog, requestShutdown: () => undefined });
    const before = h.fake.channelMessages(h.world.general.id).length;
    await standby.notifyPermanentFailure({ platform: 'discord', targetId: briefs.id, kind: 'forbidden', reason: 'forbidden: code 50013', permission: 'Embed Links', subscriptionId: subscription?.id ?? null, pausedSubscriptions: 1, droppedMessages: 0 });
    const notices = h.fake.channelMessages(h.world.general.id).slice(before);
    expect(notices.map((notice) => notice.content)).toEqual([`Digests to <#${briefs.id}> are paused: the bot lacks the Embed Links permission there. An admin can fix this and subscribe again.`]);
    expect(h.fake.requests.some((request) => request.method === 'GET' && request.path === `/guilds/${h.world.guild.id}`)).toBe(true);
  });

  it('is delivered in a DM channel the bot opens', async () => {
    h.clock.set('2026-12-01T09:50:00.000Z');
    await run(h.world.member, null, 'subscribe', { topic: 'iraq-us-relations', time: '10:00', timezone: 'UTC' });
    await articlesArrive('2026-12-01T09:55:00.000Z');
    await tickAndDeliver('2026-12-01T10:00:00.000Z');
    const dm = h.fake.dmChannelOf(h.world.member.id);
    expect(h.fake.channelMessages(dm.id).length).toBeGreaterThan(0);
    expect(h.fake.requests.some((request) => request.path === '/users/@me/channels' && (request.body as { recipient_id?: string }).recipient_id === h.world.member.id)).toBe(true);
  });
});

describe('npm start with a Discord token', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mowjaz-discord-app-'));
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the Discord adapter: logs in to the gateway, then stops cleanly', async () => {
    const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, MOWJAZ_DATA_DIR: dataDir }, { cwd: repoRoot });
    const app = await startApp(config, silentLogger(), { console: { input: new PassThrough(), output: new PassThrough() } });
    try {
      expect(app.adapters.map((adapter) => adapter.platform)).toEqual(['discord']);
      expect(fake.gateway.identifies).toMatchObject([{ token: fake.token, intents: 1 }]);
    } finally {
      await app.stop();
    }
    expect(fake.gateway.readySessions).toBe(0);
  });
});
