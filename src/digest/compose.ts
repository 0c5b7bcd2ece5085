/**
 * Digest composition: the articles a group's window brought in (by ingestion time) → a briefing
 * (core `buildBriefing`) → the platform's messages (core renderers) → one stored render shared by
 * every subscriber of the group. The pure steps are exported on their own; `StoreDigestComposer`
 * only adds reading from and writing to the store.
 *
 * Dates inside a shared render are written in UTC (Discord shows its timestamps in each reader's
 * zone): the render is shared across timezones, so it cannot be in any one reader's.
 */
import { buildBriefing, type BriefingTopic } from '../core/briefing/build.ts';
import { briefingTitle, topicDisplayName } from '../core/briefing/title.ts';
import { escapeDiscordMarkdown, renderDiscord, renderTelegram, renderText } from '../core/render/index.ts';
import type { Article, Briefing, Language, Story, TopicMatch } from '../core/types.ts';
import { translate } from '../i18n/index.ts';
import type { ArticleTopicRecord, Platform, StoredArticle } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { digestRenderKey, type ComposedDigest, type DigestComposer, type DigestGroup, type RenderRef } from './digest-group.ts';

export type TopicNames = (topicId: string) => Partial<Record<Language, string>> | undefined;

export interface ComposeOptions {
  /** Items in a digest (the renderers add a "more stories" count for the rest). */
  maxItems: number;
  /** Newest articles of the window considered; a window never holds more than this. */
  maxArticles: number;
  summarySentences: number;
}

export const DEFAULT_COMPOSE_OPTIONS: ComposeOptions = { maxItems: 10, maxArticles: 300, summarySentences: 2 };
/** Time zone of dates in shared renders. */
export const DIGEST_TIME_ZONE = 'UTC';

/** Stories of the window's articles: one per stored story id (representative first), one per unclustered article. */
export function storiesOf(articles: readonly StoredArticle[], representatives: ReadonlyMap<string, string> = new Map()): Story[] {
  const byStory = new Map<string, StoredArticle[]>();
  const stories: Story[] = [];
  for (const article of articles) {
    if (article.storyId === null) {
      stories.push(storyOf(article.id, [article]));
      continue;
    }
    const members = byStory.get(article.storyId) ?? [];
    members.push(article);
    byStory.set(article.storyId, members);
  }
  for (const [storyId, members] of byStory) {
    const representative = representatives.get(storyId);
    const ordered = [...members].sort((a, b) => Number(b.id === representative) - Number(a.id === representative) || articleInstant(a) - articleInstant(b));
    stories.push(storyOf(storyId, ordered));
  }
  return stories;
}

function storyOf(id: string, members: StoredArticle[]): Story {
  const times = members.map(articleInstant);
  return {
    id,
    articleIds: members.map((a) => a.id),
    firstSeen: new Date(Math.min(...times)).toISOString(),
    lastSeen: new Date(Math.max(...times)).toISOString(),
  };
}

/** Publication time, else when mowjaz first saw the article. */
function articleInstant(article: StoredArticle): number {
  const published = article.publishedAt ? Date.parse(article.publishedAt) : Number.NaN;
  if (Number.isFinite(published)) return published;
  const fetched = article.fetchedAt ? Date.parse(article.fetchedAt) : Number.NaN;
  return Number.isFinite(fetched) ? fetched : Date.parse(article.ingestedAt);
}

function topicMatchOf(record: ArticleTopicRecord): TopicMatch {
  return { topicId: record.topicId, matched: record.matched, score: record.score, terms: record.terms, missingGroups: [], excludedBy: [] };
}

export interface DigestBriefingInput {
  group: Pick<DigestGroup, 'topicId' | 'windowFrom' | 'windowTo' | 'language'>;
  articles: readonly StoredArticle[];
  matches: readonly ArticleTopicRecord[];
  representatives?: ReadonlyMap<string, string>;
  topicName: Partial<Record<Language, string>> | undefined;
  now: Date;
  options?: Partial<ComposeOptions>;
  /** Lead summaries shared across briefings (see `BriefingInput.summaryMemo`): stored articles never change. */
  summaryMemo?: Map<string, readonly string[]>;
}

/**
 * The digest's briefing, or null when nothing in the window makes an item. Articles are chosen by
 * when they were ingested (what is new to subscribers), so one published days earlier but first
 * seen in this window belongs to it: the briefing is ranked over the articles' own times, then
 * titled and dated by the digest window.
 */
export function digestBriefing(input: DigestBriefingInput): Briefing | null {
  const { group } = input;
  if (input.articles.length === 0) return null;
  const options = { ...DEFAULT_COMPOSE_OPTIONS, ...input.options };
  const articles: Article[] = input.articles.map(({ storyId: _story, ingestedAt, ...article }) => ({ ...article, fetchedAt: article.fetchedAt ?? ingestedAt }));
  const times = input.articles.map(articleInstant);
  const span = {
    from: new Date(Math.min(Date.parse(group.windowFrom), ...times)).toISOString(),
    to: new Date(Math.max(Date.parse(group.windowTo), ...times) + 1).toISOString(),
  };
  const topic: BriefingTopic = {
    id: group.topicId,
    names: input.topicName ?? {},
    matches: new Map(input.matches.filter((m) => m.topicId === group.topicId).map((m) => [m.articleId, topicMatchOf(m)])),
  };
  const briefing = buildBriefing({
    articles,
    stories: storiesOf(input.articles, input.representatives),
    topic,
    language: group.language,
    period: span,
    maxItems: options.maxItems,
    now: input.now,
    timeZone: DIGEST_TIME_ZONE,
    summarySentences: options.summarySentences,
    ...(input.summaryMemo ? { summaryMemo: input.summaryMemo } : {}),
  });
  if (briefing.items.length === 0) return null;
  const period = { from: group.windowFrom, to: group.windowTo };
  return {
    ...briefing,
    period,
    title: briefingTitle({ language: group.language, topicName: topic.names, topicId: group.topicId, period, timeZone: DIGEST_TIME_ZONE }),
  };
}

/** Platform message bodies for a briefing: Telegram sendMessage bodies, Discord messages, console text. */
export function renderPayloads(briefing: Briefing, platform: Platform): unknown[] {
  const options = { timeZone: DIGEST_TIME_ZONE };
  switch (platform) {
    case 'telegram':
      return renderTelegram(briefing, options);
    case 'discord':
      return renderDiscord(briefing, options);
    case 'console':
      return [renderText(briefing, options)];
  }
}

/** The one-line "nothing new" message, as a body for the platform (plain text: nothing to escape for Telegram). */
export function quietDayPayload(language: Language, topicName: Partial<Record<Language, string>> | undefined, topicId: string, platform: Platform): unknown {
  const text = translate(language, 'digest.quietDay', { topic: topicDisplayName(language, topicName, topicId) });
  switch (platform) {
    case 'telegram':
      return { text, link_preview_options: { is_disabled: true } };
    case 'discord':
      return { content: escapeDiscordMarkdown(text), allowed_mentions: { parse: [] } };
    case 'console':
      return text;
  }
}

export type ComposerStore = Pick<Store, 'listArticles' | 'getTopicMatches' | 'getStory' | 'saveRender'>;

export class StoreDigestComposer implements DigestComposer {
  readonly #options: ComposeOptions;
  /** The window's briefing per (topic, window, language): shared by the platforms of one tick. Bounded. */
  readonly #briefings = new Map<string, Promise<{ briefing: Briefing | null; articleCount: number }>>();
  /**
   * Lead summaries by article: one article leads in the briefings of several topics and both
   * languages, and stored articles never change. Bounded: emptied when it grows past the limit.
   */
  readonly #summaries = new Map<string, readonly string[]>();

  constructor(
    private readonly store: ComposerStore,
    private readonly topicNames: TopicNames,
    options: Partial<ComposeOptions> = {},
  ) {
    this.#options = { ...DEFAULT_COMPOSE_OPTIONS, ...options };
  }

  async compose(group: DigestGroup, now: Date): Promise<ComposedDigest> {
    const { briefing, articleCount } = await this.#briefing(group, now);
    if (!briefing) return { articleCount, digest: null };
    const payloads = renderPayloads(briefing, group.platform);
    if (payloads.length === 0) return { articleCount, digest: null };
    const render = await this.store.saveRender({ key: digestRenderKey(group), platform: group.platform, payloads });
    return { articleCount, digest: { renderId: render.id, messageCount: render.payloads.length } };
  }

  async composeQuietDay(group: DigestGroup): Promise<RenderRef> {
    const payload = quietDayPayload(group.language, this.topicNames(group.topicId), group.topicId, group.platform);
    const render = await this.store.saveRender({ key: `${digestRenderKey(group)}|quiet`, platform: group.platform, payloads: [payload] });
    return { renderId: render.id, messageCount: render.payloads.length };
  }

  #briefing(group: DigestGroup, now: Date): Promise<{ briefing: Briefing | null; articleCount: number }> {
    const key = `${group.topicId}|${group.windowFrom}|${group.windowTo}|${group.language}`;
    let pending = this.#briefings.get(key);
    if (!pending) {
      pending = this.#buildBriefing(group, now);
      this.#briefings.set(key, pending);
      pending.catch(() => this.#briefings.delete(key));
      // Windows move on every tick: only the current tick's briefings are worth keeping.
      if (this.#briefings.size > 200) this.#briefings.delete(this.#briefings.keys().next().value as string);
    }
    return pending;
  }

  async #buildBriefing(group: DigestGroup, now: Date): Promise<{ briefing: Briefing | null; articleCount: number }> {
    const articles = await this.store.listArticles({
      topicId: group.topicId,
      ingestedAfter: group.windowFrom,
      ingestedUntil: group.windowTo,
      limit: this.#options.maxArticles,
    });
    if (articles.length === 0) return { briefing: null, articleCount: 0 };
    const matches = await this.store.getTopicMatches(
      group.topicId,
      articles.map((a) => a.id),
    );
    const representatives = new Map<string, string>();
    for (const storyId of new Set(articles.flatMap((a) => (a.storyId === null ? [] : [a.storyId])))) {
      const story = await this.store.getStory(storyId);
      if (story) representatives.set(storyId, story.representativeArticleId);
    }
    if (this.#summaries.size > 5_000) this.#summaries.clear();
    const briefing = digestBriefing({ group, articles, matches, representatives, topicName: this.topicNames(group.topicId), now, options: this.#options, summaryMemo: this.#summaries });
    return { briefing, articleCount: articles.length };
  }
}
