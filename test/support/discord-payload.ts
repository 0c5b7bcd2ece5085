/**
 * Checks a Discord Create Message body against the documented limits, independently of the
 * renderer's own constants, for tests and for a fake Discord REST server. Lengths are UTF-16 code
 * units, never fewer than the characters Discord counts.
 */

interface Field {
  name: string;
  value: string;
  inline?: boolean;
}

interface Embed {
  title?: string;
  description?: string;
  url?: string;
  timestamp?: string;
  color?: number;
  footer?: { text: string; icon_url?: string };
  author?: { name: string; url?: string };
  fields?: Field[];
}

export interface DiscordBody {
  content?: string;
  embeds?: Embed[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
}

const LIMITS = {
  content: 2000,
  embeds: 10,
  total: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
};

/** A mention that Discord would render (or ping): @everyone, @here, users, roles, channels. */
export const RENDERED_MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>/;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function discordMessageProblems(body: DiscordBody): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const parse = body.allowed_mentions?.parse;
  check(Array.isArray(parse) && parse.length === 0 && !body.allowed_mentions?.users?.length && !body.allowed_mentions?.roles?.length, 'allowed_mentions must be { parse: [] }');
  check((body.content ?? '').length > 0 || (body.embeds ?? []).length > 0, 'message has neither content nor embeds');
  check((body.content ?? '').length <= LIMITS.content, `content is ${body.content?.length} long`);
  const embeds = body.embeds ?? [];
  check(embeds.length <= LIMITS.embeds, `${embeds.length} embeds`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = `embed ${i}`;
    check((embed.title ?? '').length <= LIMITS.title, `${at}: title is ${embed.title?.length} long`);
    check((embed.description ?? '').length <= LIMITS.description, `${at}: description is ${embed.description?.length} long`);
    check((embed.footer?.text ?? '').length <= LIMITS.footer, `${at}: footer is too long`);
    check((embed.author?.name ?? '').length <= LIMITS.author, `${at}: author name is too long`);
    check((embed.fields ?? []).length <= LIMITS.fields, `${at}: ${embed.fields?.length} fields`);
    for (const field of embed.fields ?? []) {
      check(field.name.trim().length > 0 && field.name.length <= LIMITS.fieldName, `${at}: field name "${field.name}" is empty or too long`);
      check(field.value.trim().length > 0 && field.value.length <= LIMITS.fieldValue, `${at}: field value is empty or ${field.value.length} long`);
    }
    check(embed.url === undefined || isHttpUrl(embed.url), `${at}: url ${embed.url} is not http(s)`);
    check(embed.timestamp === undefined || !Number.isNaN(Date.parse(embed.timestamp)), `${at}: bad timestamp`);
    check(embed.color === undefined || (Number.isInteger(embed.color) && embed.color >= 0 && embed.color <= 0xffffff), `${at}: bad color`);
    total +=
      (embed.title ?? '').length +
      (embed.description ?? '').length +
      (embed.footer?.text ?? '').length +
      (embed.author?.name ?? '').length +
      (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    for (const target of [embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)].flatMap(maskedLinkTargets)) {
      check(isHttpUrl(target), `${at}: masked link to ${target}`);
    }
  });
  check(total <= LIMITS.total, `embeds total ${total} characters`);
  const strings = [body.content ?? '', ...embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])];
  for (const text of strings) check(!RENDERED_MENTION.test(text), `renders a mention: ${text.match(RENDERED_MENTION)?.[0]}`);
  for (const text of strings) check(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text), 'lone surrogate');
  return problems;
}

/** Targets of `[label](target)` masked links that are not escaped. */
export function maskedLinkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\[(?:[^\]\\]|\\.)*(?<!\\)\]\(([^)\s]*)\)/g)].map((match) => match[1] ?? '');
}
