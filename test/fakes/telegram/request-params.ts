/**
 * Reading Bot API parameters the ways the real server accepts them: a JSON body, a URL-encoded
 * form, a multipart form (text fields only) or the query string. In form encodings, structured
 * parameters (`reply_markup`, `scope`, `commands`, …) arrive as JSON text and are decoded here,
 * as the Bot API does.
 */
import type { IncomingMessage } from 'node:http';

export type Params = Record<string, unknown>;

export class BadRequestBody extends Error {}

/** Parameters that carry JSON objects or arrays when sent as form fields. */
const JSON_FIELDS = new Set([
  'reply_markup',
  'reply_parameters',
  'link_preview_options',
  'entities',
  'scope',
  'commands',
  'allowed_updates',
]);

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BadRequestBody('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function parseParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of query) params[key] = decodeFormValue(key, value);
  if (body.length === 0) return params;
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BadRequestBody('invalid JSON body');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequestBody('JSON body must be an object');
    return { ...params, ...(parsed as Params) };
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = decodeFormValue(key, value);
    return params;
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
    const mark = boundary?.[1] ?? boundary?.[2];
    if (!mark) throw new BadRequestBody('multipart body without boundary');
    for (const [key, value] of multipartFields(body.toString('utf8'), mark)) params[key] = decodeFormValue(key, value);
    return params;
  }
  throw new BadRequestBody(`unsupported content type ${contentType ?? '(none)'}`);
}

function decodeFormValue(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function multipartFields(text: string, boundary: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const part of text.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const name = /name="([^"]*)"/.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined) continue;
    fields.push([name, part.slice(headerEnd + 4).replace(/\r\n$/, '')]);
  }
  return fields;
}

/** A Bot API integer parameter: numbers, or digit strings from form bodies. */
export function integerParam(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

export function booleanParam(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}
