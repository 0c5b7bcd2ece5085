/**
 * Subscribers whose digests would be identical share one render: same topic, same window, same
 * language, same platform. The group is the unit of composition; its key names the shared render.
 */
import type { Language } from '../core/types.ts';
import type { Platform } from '../store/records.ts';

export interface DigestGroup {
  topicId: string;
  /** Articles ingested strictly after this instant… */
  windowFrom: string;
  /** …and at or before this one (the scheduled instant). */
  windowTo: string;
  language: Language;
  platform: Platform;
}

/** `topic|from|to|lang|platform`: the shared render's key in the store. */
export function digestRenderKey(group: DigestGroup): string {
  return `${group.topicId}|${group.windowFrom}|${group.windowTo}|${group.language}|${group.platform}`;
}

/** A stored render and how many messages it holds. */
export interface RenderRef {
  renderId: string;
  messageCount: number;
}

export interface ComposedDigest {
  /** New articles for the topic in the window. */
  articleCount: number;
  /** The digest's shared render, or null when the window is empty. */
  digest: RenderRef | null;
}

/** Turns a group into stored renders. The scheduler calls each method at most once per group and tick. */
export interface DigestComposer {
  compose(group: DigestGroup, now: Date): Promise<ComposedDigest>;
  /** The one-line "nothing new" message for subscribers who asked for it. */
  composeQuietDay(group: DigestGroup, now: Date): Promise<RenderRef>;
}
