/**
 * The platform-neutral answer to a command. Adapters render it: text parts as plain messages,
 * briefings with the platform renderer, choices as inline keyboards or buttons.
 */
import type { Briefing } from '../core/types.ts';

export type ReplyPart = { kind: 'text'; text: string } | { kind: 'briefing'; briefing: Briefing };

/** A button: its label and the command line it runs when pressed (e.g. `/news iraq-us-relations`). */
export interface ReplyChoice {
  label: string;
  command: string;
}

export interface Reply {
  parts: ReplyPart[];
  /** Visible only to the user who asked, where the platform allows (confirmations, errors). */
  ephemeral: boolean;
  choices?: ReplyChoice[];
}

export function textReply(text: string, options: { ephemeral?: boolean; choices?: ReplyChoice[] } = {}): Reply {
  return { parts: [{ kind: 'text', text }], ephemeral: options.ephemeral ?? false, ...(options.choices ? { choices: options.choices } : {}) };
}

export function briefingReply(briefing: Briefing, options: { intro?: string; choices?: ReplyChoice[] } = {}): Reply {
  const parts: ReplyPart[] = [];
  if (options.intro) parts.push({ kind: 'text', text: options.intro });
  parts.push({ kind: 'briefing', briefing });
  return { parts, ephemeral: false, ...(options.choices ? { choices: options.choices } : {}) };
}
