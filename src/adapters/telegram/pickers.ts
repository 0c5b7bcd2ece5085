/**
 * One-tap paths on Telegram, which has no autocomplete: buttons that complete a command line.
 *
 * - A command whose required topic is missing (`/subscribe`, `/unsubscribe` alone) answers with
 *   a topic picker instead of the usage error; for `/unsubscribe` it offers the chat's own
 *   subscriptions.
 * - A subscription made without a time offers times of day to move it to.
 * - `/subscriptions` offers to stop each subscription.
 *
 * Every button runs an ordinary command line through the router, so the rights, validation and
 * answers are exactly those of typing it.
 */
import { suggest } from '../../commands/autocomplete.ts';
import type { TopicCatalog } from '../../commands/context.ts';
import type { Command } from '../../commands/define-command.ts';
import { findTopic } from '../../commands/lookup.ts';
import type { RouteResult } from '../../commands/router.ts';
import { assignTextArgs } from '../../commands/text-args.ts';
import type { Language } from '../../core/types.ts';
import { translate } from '../../i18n/index.ts';
import type { ChatRef } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import type { ButtonAction, CallbackCodec } from './callback-data.ts';
import type { Keyboard } from './reply-messages.ts';

/** Times offered after subscribing: morning, midday and evening editions. */
export const OFFERED_TIMES: readonly string[] = ['06:00', '08:00', '12:00', '18:00', '21:00'];
/** Buttons beyond this many make a keyboard taller than a phone screen. */
const MAX_TOPIC_BUTTONS = 20;

export interface PickerContext {
  command: Command;
  /** Arguments as typed (without a channel argument). */
  argText: string;
  /** The command line buttons extend: `/subscribe`, or `/subscribe -100…` when managing a channel. */
  linePrefix: string;
  language: Language;
  topics: TopicCatalog;
  store: Pick<Store, 'listSubscriptions'>;
  /** The chat being managed. */
  chat: ChatRef;
  codec: CallbackCodec;
}

export interface Picker {
  text: string;
  keyboard: Keyboard;
}

function button(codec: CallbackCodec, text: string, action: ButtonAction): Keyboard[number][number] {
  return { text, callback_data: codec.encode(action) };
}

/** A topic picker in place of "topic is required", or null when the refusal was something else. */
export async function topicPicker(ctx: PickerContext, result: RouteResult): Promise<Picker | null> {
  if (result.outcome !== 'rejected' || result.error !== 'arg_missing' || ctx.argText.trim() !== '') return null;
  const first = ctx.command.options[0];
  if (!first?.required || first.autocomplete !== 'topic') return null;
  let offered: Array<{ name: string; value: string }>;
  if (ctx.command.name === 'unsubscribe') {
    const topicIds = [...new Set((await ctx.store.listSubscriptions(ctx.chat)).map((sub) => sub.topicId))];
    if (topicIds.length === 0) {
      return { text: translate(ctx.language, 'error.no_subscriptions', { example: ctx.topics.list()[0]?.id ?? 'topic' }), keyboard: [] };
    }
    offered = topicIds.map((id) => ({ name: ctx.topics.get(id)?.name[ctx.language] ?? id, value: id }));
  } else {
    offered = suggest('topic', '', { topics: ctx.topics, language: ctx.language });
  }
  const keyboard = offered.slice(0, MAX_TOPIC_BUTTONS).map(({ name, value }) => [button(ctx.codec, name, { mode: 'edit', line: `${ctx.linePrefix} ${value}` })]);
  const text = translate(ctx.language, ctx.command.name === 'unsubscribe' ? 'telegram.pick.unsubscribe' : 'telegram.pick.topic');
  return { text, keyboard };
}

/** Buttons offered under a successful answer, with the line that explains them. */
export async function followUpPicker(ctx: PickerContext, result: RouteResult): Promise<Picker | null> {
  if (result.outcome !== 'ok') return null;
  if (ctx.command.name === 'subscribe') {
    const assigned = assignTextArgs(ctx.command.options, ctx.argText);
    if (!assigned.ok || assigned.values['time'] !== undefined || typeof assigned.values['topic'] !== 'string') return null;
    const topic = findTopic(ctx, assigned.values['topic']);
    if (!topic) return null;
    const row = OFFERED_TIMES.map((time) => button(ctx.codec, time, { mode: 'edit', line: `${ctx.linePrefix} ${topic.id} ${time}` }));
    return { text: translate(ctx.language, 'telegram.pick.time'), keyboard: [row] };
  }
  if (ctx.command.name === 'subscriptions') {
    const topicIds = [...new Set((await ctx.store.listSubscriptions(ctx.chat)).map((sub) => sub.topicId))];
    if (topicIds.length === 0) return null;
    const unsubscribe = ctx.linePrefix.replace(/^\/subscriptions/, '/unsubscribe');
    const keyboard = topicIds.slice(0, MAX_TOPIC_BUTTONS).map((id) => [
      button(ctx.codec, translate(ctx.language, 'telegram.pick.unsubscribe_button', { topic: ctx.topics.get(id)?.name[ctx.language] ?? id }), {
        mode: 'edit',
        line: `${unsubscribe} ${id}`,
      }),
    ]);
    return { text: '', keyboard };
  }
  return null;
}

/** The shared layer's own choices (e.g. `/topics` → read one): each runs and answers anew. */
export function choiceKeyboard(codec: CallbackCodec, choices: RouteResult['reply']['choices']): Keyboard {
  return (choices ?? []).map((choice) => [button(codec, choice.label, { mode: 'send', line: choice.command })]);
}
