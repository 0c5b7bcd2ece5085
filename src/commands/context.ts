/**
 * What a command handler sees: a platform-neutral view of who asked, where, in which language,
 * and the services it may use. Adapters build the chat and user parts; the router adds the rest.
 */
import type { Article, Briefing, Language } from '../core/types.ts';
import type { TopicMatchDetail } from '../core/topics/matcher.ts';
import type { ChatKind, ChatRef, ChatSettings, Frequency, Platform } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../scheduler/clock.ts';

export type { Clock } from '../scheduler/clock.ts';

export interface Localized {
  en: string;
  ar: string;
}

/** The chat a command was typed in, as the adapter sees it. */
export interface CommandChat extends ChatRef {
  kind: ChatKind;
  title: string | null;
  /** Discord guild id for guild channels, else null. */
  guildId: string | null;
}

export interface CommandUser {
  id: string;
  displayName: string;
  /** Platform locale (`ar`, `en-GB`…), when the platform tells us. */
  locale: string | null;
  /**
   * Resolved by the adapter: Discord Manage Server, Telegram chat administrator/creator.
   * In private chats the user manages their own chat whatever this says (see the router).
   */
  isAdmin: boolean;
}

export interface TopicInfo {
  id: string;
  name: Localized;
  description: Localized;
}

/** The topics users can ask for, in catalogue order. */
export interface TopicCatalog {
  list(): readonly TopicInfo[];
  get(id: string): TopicInfo | undefined;
}

/** A topic decision with the bars it had to clear, so a miss can say which one it missed. */
export interface TopicExplanation extends TopicMatchDetail {
  minScore: number;
  /** 0 when the topic does not require its groups to appear together. */
  minCooccurrence: number;
}

export interface NewsRequest {
  /** null = top stories across every topic. */
  topicId: string | null;
  count: number;
  language: Language;
  now: Date;
  /** Zone the briefing's dates are written in (the chat's). */
  timeZone: string;
}

export interface DigestPreviewRequest {
  topicId: string;
  language: Language;
  frequency: Frequency;
  /** Start of the window: the previous digest (or the subscription's creation); null = one period back. */
  since: string | null;
  now: Date;
}

export interface DigestPreview {
  /** null when the window holds nothing new: no digest would be sent. */
  briefing: Briefing | null;
  window: { from: string; to: string };
}

/** Work the handlers delegate, so they stay thin and the same logic serves replies and digests. */
export interface CommandServices {
  composeNews(request: NewsRequest): Promise<Briefing>;
  /** The digest a subscription would receive now: what is new since its previous run. */
  digestPreview(request: DigestPreviewRequest): Promise<DigestPreview>;
  /** Scores one article against every topic, matched or not, with the reasons. */
  explain(article: Article): TopicExplanation[];
  subscriptionDefaults: { localTime: string; frequency: Frequency };
}

export interface CommandContext {
  platform: Platform;
  chat: CommandChat;
  user: CommandUser;
  /** The language replies are written in (chat setting, else user locale, else configured default). */
  language: Language;
  /** The chat's stored settings, or the defaults when the chat has never been seen. */
  settings: ChatSettings;
  /** Settings a chat gets when it is first stored. */
  chatDefaults: ChatSettings;
  /** True when the user may run admin commands here. */
  isChatAdmin: boolean;
  store: Store;
  topics: TopicCatalog;
  clock: Clock;
  logger: Logger;
  services: CommandServices;
  /** Every registered command, for `/help`. */
  commands: readonly CommandSummary[];
}

/** What `/help` needs to know about a command without depending on the command registry. */
export interface CommandSummary {
  name: string;
  description: Localized;
  permission: 'anyone' | 'admin';
  usage: string;
  options: ReadonlyArray<{ name: string; required: boolean; description: Localized }>;
}
