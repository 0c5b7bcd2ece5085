/**
 * Breaking alerts: a subscription may ask to hear at once, in addition to its digest, about a new
 * story whose article scores at or above a threshold for its topic. Each subscription hears about
 * a story once and at most `perHour` times in any rolling hour; alerts go through the outbox
 * like every other message, so rate limits, retries and blocked chats are handled there.
 */
import { topicDisplayName } from '../core/briefing/title.ts';
import { escapeDiscordMarkdown } from '../core/render/discord-markdown.ts';
import type { Language } from '../core/types.ts';
import { translate } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../scheduler/clock.ts';
import type { Platform } from '../store/records.ts';
import type { Store } from '../store/store.ts';

/** Twice the usual bar of a topic: an alert interrupts, so only strong matches qualify. */
export const DEFAULT_ALERT_THRESHOLD = 8;
export const DEFAULT_ALERTS_PER_HOUR = 3;

export type AlertStore = Pick<Store, 'listAlertSettings' | 'getSubscription' | 'getArticles' | 'getArticleTopics' | 'countAlertsSince' | 'recordAlert' | 'enqueueMessages'>;

export interface AlertDeps {
  store: AlertStore;
  clock: Clock;
  logger: Logger;
  topicNames(topicId: string): Partial<Record<Language, string>> | undefined;
  /** Wakes the senders of these platforms. */
  onEnqueued?(platforms: Platform[]): void;
}

export function alertPayload(text: string, url: string | undefined, platform: Platform): unknown {
  const line = url ? `${text}\n${url}` : text;
  switch (platform) {
    case 'telegram':
      return { text: line };
    case 'discord':
      return { content: url ? `${escapeDiscordMarkdown(text)}\n<${url}>` : escapeDiscordMarkdown(text), allowed_mentions: { parse: [] } };
    case 'console':
      return line;
  }
}

/** Sends the alerts the newly inserted articles call for; returns how many were enqueued. */
export async function sendBreakingAlerts(deps: AlertDeps, articleIds: readonly string[]): Promise<number> {
  if (articleIds.length === 0) return 0;
  const settings = await deps.store.listAlertSettings();
  if (settings.length === 0) return 0;
  const articles = await deps.store.getArticles([...articleIds]);
  const topicsOf = new Map(await Promise.all(articles.map(async (article) => [article.id, await deps.store.getArticleTopics(article.id)] as const)));
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const platforms = new Set<Platform>();
  let sent = 0;
  for (const setting of settings) {
    const sub = await deps.store.getSubscription(setting.subscriptionId);
    if (!sub || sub.status !== 'active') continue;
    const candidates = articles
      .map((article) => ({ article, match: topicsOf.get(article.id)?.find((t) => t.topicId === sub.topicId && t.matched) }))
      .filter((c) => c.match !== undefined && c.match.score >= setting.threshold)
      .sort((a, b) => (b.match?.score ?? 0) - (a.match?.score ?? 0));
    let budget = setting.perHour - (await deps.store.countAlertsSince(sub.id, hourAgo));
    for (const { article } of candidates) {
      if (budget <= 0) {
        deps.logger.info({ event: 'alert_capped', subscriptionId: sub.id, articleId: article.id }, 'breaking alert over the hourly cap');
        break;
      }
      if (!(await deps.store.recordAlert(sub.id, article.storyId ?? article.id, now.toISOString()))) continue;
      const text = translate(sub.language, 'sources.alert', {
        topic: topicDisplayName(sub.language, deps.topicNames(sub.topicId), sub.topicId),
        title: article.title,
        source: article.sourceNames?.[sub.language] ?? article.sourceName,
      });
      await deps.store.enqueueMessages([{ platform: sub.chat.platform, targetId: sub.targetId, payload: alertPayload(text, article.url, sub.chat.platform) }], now.toISOString());
      platforms.add(sub.chat.platform);
      budget -= 1;
      sent += 1;
    }
  }
  if (platforms.size > 0) deps.onEnqueued?.([...platforms]);
  return sent;
}
