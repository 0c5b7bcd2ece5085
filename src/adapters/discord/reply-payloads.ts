/**
 * A neutral `Reply` as Discord message bodies: text parts as plain content (split at 2000
 * characters between paragraphs, lines or words), briefings through the shared Discord renderer
 * (embeds), and the reply's choices as buttons under the last message. Every body carries
 * `allowed_mentions: { parse: [] }`, so nothing a reply quotes can ping anyone.
 */
import type { Reply } from '../../commands/reply.ts';
import { renderDiscord, type DiscordEmbed } from '../../core/render/discord.ts';
import { cutAtCodePoint } from '../../core/render/truncate.ts';

export const CONTENT_LIMIT = 2000;
const BUTTON_LABEL_LIMIT = 80;
const CUSTOM_ID_LIMIT = 100;
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;

/** Buttons carry the command line they run; this prefix marks ours. */
export const RUN_PREFIX = 'run:';

export interface DiscordButton {
  type: 2;
  style: 2;
  label: string;
  custom_id: string;
}

export interface DiscordActionRow {
  type: 1;
  components: DiscordButton[];
}

export interface DiscordPayload {
  content?: string;
  embeds?: DiscordEmbed[];
  components?: DiscordActionRow[];
  allowed_mentions: { parse: [] };
  /** 64 = ephemeral (only the user who asked sees it). */
  flags?: number;
}

export const EPHEMERAL_FLAG = 64;

export function replyPayloads(reply: Reply, options: { timeZone: string }): DiscordPayload[] {
  const payloads: DiscordPayload[] = [];
  let texts: string[] = [];
  const flushText = (): void => {
    const joined = texts.filter((text) => text.trim() !== '').join('\n\n');
    texts = [];
    for (const content of splitContent(joined, CONTENT_LIMIT)) payloads.push({ content, allowed_mentions: { parse: [] } });
  };
  for (const part of reply.parts) {
    if (part.kind === 'text') {
      texts.push(part.text);
      continue;
    }
    flushText();
    for (const message of renderDiscord(part.briefing, { timeZone: options.timeZone })) payloads.push({ ...message, allowed_mentions: { parse: [] } });
  }
  flushText();
  const rows = buttonRows(reply.choices ?? []);
  const last = payloads.at(-1);
  if (last && rows.length > 0) last.components = rows;
  return payloads;
}

function buttonRows(choices: NonNullable<Reply['choices']>): DiscordActionRow[] {
  const buttons: DiscordButton[] = [];
  const seen = new Set<string>();
  for (const choice of choices) {
    const customId = `${RUN_PREFIX}${choice.command}`;
    // A custom id must be unique in the message and short; a choice that cannot be one is left out.
    if (customId.length > CUSTOM_ID_LIMIT || seen.has(customId) || choice.label.trim() === '') continue;
    seen.add(customId);
    buttons.push({ type: 2, style: 2, label: cutAtCodePoint(choice.label.trim(), BUTTON_LABEL_LIMIT), custom_id: customId });
  }
  const rows: DiscordActionRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < MAX_ROWS; i += BUTTONS_PER_ROW) rows.push({ type: 1, components: buttons.slice(i, i + BUTTONS_PER_ROW) });
  return rows;
}

/** The command line a button of ours runs, or null for any other custom id. */
export function commandOfButton(customId: string): string | null {
  return customId.startsWith(RUN_PREFIX) && customId.length > RUN_PREFIX.length ? customId.slice(RUN_PREFIX.length) : null;
}

/** Pieces of at most `limit` UTF-16 units, cut at the widest boundary that fits; none empty. */
export function splitContent(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutIndex(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function cutIndex(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const boundary of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(boundary);
    if (at > 0) return at;
  }
  // One unbroken run: cut inside it, never between the halves of a surrogate pair.
  return cutAtCodePoint(text, limit).length;
}
