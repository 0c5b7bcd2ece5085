/**
 * The limits Discord enforces on a message body (Resources → Message, Embed limits; Components),
 * checked as Discord does: each problem with the path of the field, answered as 400 with code
 * 50035 "Invalid Form Body", or 50006 for a message with nothing in it.
 */

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

const LIMIT = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
};

const MESSAGE_FLAGS_ALLOWED = 4 | 4096; // SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS
const INTERACTION_FLAGS_ALLOWED = MESSAGE_FLAGS_ALLOWED | 64; // + EPHEMERAL

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function messageProblems(body: unknown, where: 'channel' | 'interaction'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    add('', 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return problems;
  }
  const message = body as Record<string, unknown>;
  const content = message['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') add('content', 'BASE_TYPE_STRING', 'Must be a string.');
  if (typeof content === 'string' && content.length > LIMIT.content) add('content', 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMIT.content} or fewer in length.`);

  const embeds = message['embeds'];
  if (embeds !== undefined && !Array.isArray(embeds)) add('embeds', 'BASE_TYPE_LIST', 'Must be a list.');
  const embedList = Array.isArray(embeds) ? (embeds as unknown[]) : [];
  if (embedList.length > LIMIT.embeds) add('embeds', 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMIT.embeds} or fewer in length.`);
  let total = 0;
  embedList.forEach((raw, index) => {
    const at = `embeds.${index}`;
    const embed = (raw ?? {}) as Record<string, unknown>;
    const measure = (path: string, value: unknown, max: number) => {
      const string = text(value);
      if (value !== undefined && string === null) add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      if (string !== null) {
        total += string.length;
        if (string.length > max) add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
      }
    };
    measure(`${at}.title`, embed['title'], LIMIT.title);
    measure(`${at}.description`, embed['description'], LIMIT.description);
    measure(`${at}.footer.text`, (embed['footer'] as Record<string, unknown> | undefined)?.['text'], LIMIT.footer);
    measure(`${at}.author.name`, (embed['author'] as Record<string, unknown> | undefined)?.['name'], LIMIT.author);
    if (embed['url'] !== undefined && !isHttpUrl(embed['url'])) add(`${at}.url`, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    if (embed['timestamp'] !== undefined && (typeof embed['timestamp'] !== 'string' || Number.isNaN(Date.parse(embed['timestamp'])))) add(`${at}.timestamp`, 'DATE_TYPE_PARSE', 'Could not parse timestamp.');
    const color = embed['color'];
    if (color !== undefined && (!Number.isInteger(color) || (color as number) < 0 || (color as number) > 0xffffff)) add(`${at}.color`, 'NUMBER_TYPE_MAX', 'int value should be <= 16777215 and >= 0.');
    const fields = Array.isArray(embed['fields']) ? (embed['fields'] as Array<Record<string, unknown>>) : [];
    if (fields.length > LIMIT.fields) add(`${at}.fields`, 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMIT.fields} or fewer in length.`);
    fields.forEach((field, f) => {
      for (const [key, max] of [['name', LIMIT.fieldName], ['value', LIMIT.fieldValue]] as const) {
        const value = text(field[key]);
        if (value === null || value.trim() === '') add(`${at}.fields.${f}.${key}`, 'BASE_TYPE_REQUIRED', 'This field is required');
        else {
          total += value.length;
          if (value.length > max) add(`${at}.fields.${f}.${key}`, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
        }
      }
    });
  });
  if (total > LIMIT.embedTotal) add('embeds', 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMIT.embedTotal}`);

  const components = message['components'];
  const rows = Array.isArray(components) ? (components as Array<Record<string, unknown>>) : [];
  if (rows.length > LIMIT.rows) add('components', 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMIT.rows} or fewer in length.`);
  const customIds = new Set<string>();
  rows.forEach((row, r) => {
    const buttons = Array.isArray(row['components']) ? (row['components'] as Array<Record<string, unknown>>) : [];
    if (row['type'] !== 1) add(`components.${r}.type`, 'COMPONENT_TYPE_INVALID', 'Top-level components must be action rows.');
    if (buttons.length < 1 || buttons.length > LIMIT.buttonsPerRow) add(`components.${r}.components`, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMIT.buttonsPerRow} in length.`);
    buttons.forEach((button, b) => {
      const at = `components.${r}.components.${b}`;
      const label = text(button['label']);
      if (label !== null && label.length > LIMIT.label) add(`${at}.label`, 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMIT.label} or fewer in length.`);
      const customId = text(button['custom_id']);
      if (button['style'] !== 5 && (customId === null || customId.length === 0 || customId.length > LIMIT.customId)) add(`${at}.custom_id`, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${LIMIT.customId} in length.`);
      if (customId !== null && customIds.has(customId)) add(`${at}.custom_id`, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      if (customId !== null) customIds.add(customId);
    });
  });

  const mentions = message['allowed_mentions'] as Record<string, unknown> | undefined;
  if (mentions?.['parse'] !== undefined) {
    const parse = mentions['parse'];
    if (!Array.isArray(parse) || parse.some((value) => !['roles', 'users', 'everyone'].includes(value as string))) add('allowed_mentions.parse', 'BASE_TYPE_CHOICES', 'Value must be one of {"roles", "users", "everyone"}.');
  }
  const flags = message['flags'];
  if (flags !== undefined && flags !== null) {
    const allowed = where === 'interaction' ? INTERACTION_FLAGS_ALLOWED : MESSAGE_FLAGS_ALLOWED;
    if (!Number.isInteger(flags) || ((flags as number) & ~allowed) !== 0) add('flags', 'MESSAGE_FLAGS_INVALID', 'Invalid flags.');
  }
  return problems;
}

/** Nothing to show: no content, embeds or components. */
export function isEmptyMessage(body: unknown): boolean {
  const message = (body ?? {}) as Record<string, unknown>;
  const content = typeof message['content'] === 'string' ? message['content'].trim() : '';
  const embeds = Array.isArray(message['embeds']) ? message['embeds'].length : 0;
  const components = Array.isArray(message['components']) ? message['components'].length : 0;
  return content === '' && embeds === 0 && components === 0;
}

/** Discord's `errors` object: the problems nested by path. */
export function errorTree(problems: readonly FieldProblem[]): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = tree;
    for (const key of problem.path.split('.').filter((part) => part !== '')) node = (node[key] ??= {}) as Record<string, unknown>;
    const list = (node['_errors'] ??= []) as Array<{ code: string; message: string }>;
    list.push({ code: problem.code, message: problem.message });
  }
  return tree;
}
