/**
 * A neutral `Reply` as console text: text parts as written, briefings through `renderText`,
 * buttons as the command lines they would run.
 */
import type { Reply } from '../../commands/reply.ts';
import { renderText } from '../../core/render/text.ts';

export function renderReplyText(reply: Reply): string {
  const blocks = reply.parts.map((part) => (part.kind === 'text' ? part.text : renderText(part.briefing).trimEnd()));
  if (reply.choices && reply.choices.length > 0) {
    blocks.push(reply.choices.map((choice) => `  → ${choice.label}: ${choice.command}`).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

/** Console outbox bodies are text; anything else is shown as JSON so nothing is silently lost. */
export function consoleBodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body === 'object' && body !== null && typeof (body as { text?: unknown }).text === 'string') return (body as { text: string }).text;
  return JSON.stringify(body, null, 2);
}
