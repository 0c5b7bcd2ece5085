/**
 * The Bot API's rules for a message, as the fake server applies them to `sendMessage` and
 * `editMessageText`: HTML parse mode read strictly (Telegram's "can't parse entities"), 4096
 * characters after entity parsing, non-empty text, inline keyboards whose callback data is 1–64
 * bytes. A broken rule throws the error api.telegram.org answers with.
 */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { parseTelegramHtml, TelegramHtmlError, type TelegramEntity } from '../../support/telegram-html.ts';
import type { StoredMessage } from './chat-state.ts';
import { booleanParam, type Params } from './request-params.ts';

export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.description);
  }
}

export const fail = (error_code: number, description: string, parameters?: ApiError['parameters']): never => {
  throw new ApiFailure({ error_code, description, ...(parameters ? { parameters } : {}) });
};

/** Text, parse mode, keyboard and preview options of a send or edit, validated as Telegram does. */
export function messageContent(params: Params): Pick<StoredMessage, 'text' | 'raw' | 'parseMode' | 'entities' | 'replyMarkup' | 'linkPreviewDisabled'> {
  const raw = params['text'];
  if (typeof raw !== 'string' || raw.length === 0) fail(400, 'Bad Request: message text is empty');
  const text = raw as string;
  const parseMode = typeof params['parse_mode'] === 'string' && params['parse_mode'] !== '' ? params['parse_mode'] : null;
  let parsed: { text: string; entities: TelegramEntity[] } = { text, entities: [] };
  if (parseMode !== null) {
    if (parseMode.toLowerCase() !== 'html') fail(400, `Bad Request: unsupported parse_mode "${parseMode}"`);
    try {
      parsed = parseTelegramHtml(text);
    } catch (error) {
      if (error instanceof TelegramHtmlError) fail(400, `Bad Request: ${error.message}`);
      throw error;
    }
  }
  if (parsed.text.trim().length === 0) fail(400, 'Bad Request: message text is empty');
  if (parsed.text.length > 4096) fail(400, 'Bad Request: message is too long');
  const replyMarkup = validateKeyboard(params['reply_markup']);
  const preview = params['link_preview_options'] as { is_disabled?: unknown } | undefined;
  const linkPreviewDisabled = booleanParam(preview?.is_disabled) || booleanParam(params['disable_web_page_preview']);
  return { text: parsed.text, raw: text, parseMode, entities: parsed.entities, replyMarkup, linkPreviewDisabled };
}

/** Inline keyboards: rows of buttons, each with text and 1–64 bytes of callback data (or a URL). */
function validateKeyboard(markup: unknown): InlineKeyboardMarkup | null {
  if (markup === undefined || markup === null) return null;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) fail(400, "Bad Request: can't parse reply keyboard markup JSON object");
  for (const row of rows as unknown[][]) {
    for (const button of row as Array<Record<string, unknown>>) {
      if (typeof button?.['text'] !== 'string' || button['text'].trim() === '') fail(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
      const data = button['callback_data'];
      const url = button['url'];
      if (data === undefined && url === undefined) fail(400, "Bad Request: can't find field \"callback_data\"");
      if (data !== undefined && (typeof data !== 'string' || Buffer.byteLength(data, 'utf8') < 1 || Buffer.byteLength(data, 'utf8') > 64)) {
        fail(400, 'Bad Request: BUTTON_DATA_INVALID');
      }
    }
  }
  return markup as InlineKeyboardMarkup;
}
