/**
 * Records of live sources (feeds and pages mowjaz polls), the items already seen from each, and
 * breaking-alert settings of subscriptions.
 */
import type { Language } from '../core/types.ts';

export type SourceKind = 'feed' | 'page' | 'folder';
export type SourceStatus = 'active' | 'paused';

export interface SourceDefinitionRecord {
  id: string;
  name: string;
  url: string;
  kind: SourceKind;
  language: Language;
  pollMinutes: number;
  /** Topic ids the source is expected to feed (a hint for admins; matching still decides). */
  topics: string[];
}

/** Polling state: kept across restarts so backoff, validators and pauses survive. */
export interface SourceState {
  status: SourceStatus;
  pausedReason: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Consecutive failed polls. */
  failures: number;
  lastError: string | null;
  nextPollAt: string;
  lastPolledAt: string | null;
  /** True once admins were told about the current run of failures. */
  failureNotified: boolean;
}

export interface SourceRecord extends SourceDefinitionRecord, SourceState {
  addedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewSource extends SourceDefinitionRecord {
  addedBy: string | null;
  /** First poll; defaults to now. */
  nextPollAt?: string;
}

export interface AlertSettings {
  subscriptionId: string;
  /** A new story alerts when its topic score reaches this. */
  threshold: number;
  /** At most this many alerts per rolling hour. */
  perHour: number;
}
