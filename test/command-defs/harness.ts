/**
 * The real command stack for command tests: an in-memory SQLite store holding the sample content
 * (`content/articles`, ingested once per test file), the real topics, services and router, and a
 * clock the test can move.
 */
import { join } from 'node:path';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandChat } from '../../src/commands/context.ts';
import { createRouter, type Invocation, type RouteResult, type Router } from '../../src/commands/router.ts';
import { loadTopicsStrict } from '../../src/core/topics/load.ts';
import type { Language } from '../../src/core/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { ingestContent } from '../../src/pipeline/ingest.ts';
import { createCommandServices } from '../../src/pipeline/services.ts';
import { buildTopics, type Topics } from '../../src/pipeline/topic-catalog.ts';
import type { Platform } from '../../src/store/records.ts';
import type { Store } from '../../src/store/store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { repoRoot } from '../support/shared.ts';

export const INGESTED_AT = new Date('2026-11-28T06:00:00.000Z');

export interface Harness {
  store: Store;
  topics: Topics;
  router: Router;
  clock: { now(): Date; set(instant: string | Date): void };
  close(): Promise<void>;
}

export async function createHarness(options: { defaultLanguage?: Language; defaultTimezone?: string } = {}): Promise<Harness> {
  let now = INGESTED_AT;
  const clock = { now: () => now, set: (instant: string | Date) => void (now = new Date(instant)) };
  const store = await openSqliteStore({ path: ':memory:', clock });
  const topics = buildTopics(await loadTopicsStrict(join(repoRoot, 'content', 'topics')));
  await ingestContent({ store, topics: topics.compiled, clock, logger: silentLogger() }, [join(repoRoot, 'content', 'articles')]);
  clock.set('2026-11-29T08:00:00.000Z');
  const router = createRouter({
    commands: COMMANDS,
    store,
    topics: topics.catalog,
    clock,
    logger: silentLogger(),
    services: createCommandServices({ store, topics }),
    defaultLanguage: options.defaultLanguage ?? 'en',
    defaultTimezone: options.defaultTimezone ?? 'Asia/Baghdad',
  });
  return { store, topics, router, clock, close: () => store.close() };
}

export interface Who {
  platform?: Platform;
  chatId?: string;
  kind?: CommandChat['kind'];
  isAdmin?: boolean;
  locale?: string | null;
  userId?: string;
}

export function who(spec: Who = {}): Invocation {
  const platform = spec.platform ?? 'telegram';
  return {
    platform,
    chat: { platform, chatId: spec.chatId ?? '-100200', kind: spec.kind ?? 'supergroup', title: 'Newsroom', guildId: platform === 'discord' ? '9000' : null },
    user: { id: spec.userId ?? '7', displayName: 'Huda', locale: spec.locale === undefined ? 'en-GB' : spec.locale, isAdmin: spec.isAdmin ?? true },
  };
}

export function textOf(result: RouteResult): string {
  return result.reply.parts.map((part) => (part.kind === 'text' ? part.text : `[briefing: ${part.briefing.title}]`)).join('\n');
}

export function briefingsOf(result: RouteResult) {
  return result.reply.parts.flatMap((part) => (part.kind === 'briefing' ? [part.briefing] : []));
}
