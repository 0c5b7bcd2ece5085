/**
 * The fake's REST API under `/api/v10`: gateway discovery, command registration, interaction
 * responses and webhooks, channel messages, DM channels. Each route checks what Discord checks
 * (authentication, rate limits, existence, permissions, payload rules) and answers with Discord's
 * status codes and JSON error codes. Every request is recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { commandProblems } from './command-rules.ts';
import { messageJson, type FakeDiscord } from './fake-discord.ts';
import { EPHEMERAL, INTERACTION, LOADING, type FakeInteraction, type StoredMessage } from './interactions.ts';
import { errorTree, isEmptyMessage, messageProblems, type FieldProblem } from './message-rules.ts';
import { CHANNEL, PERM, channelJson, guildJson, isThread, memberJson } from './model.ts';

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Context {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

type Handler = (fake: FakeDiscord, ctx: Context) => Answer;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  auth: boolean;
  /** Rate-limited per this parameter (the route's top-level resource). */
  major?: string;
  handler: Handler;
}

const error = (status: number, code: number, message: string, errors?: Record<string, unknown>): Answer => ({ status, body: { message, code, ...(errors ? { errors } : {}) } });
const invalidForm = (problems: readonly FieldProblem[]): Answer => error(400, 50035, 'Invalid Form Body', errorTree(problems));

function route(method: string, template: string, handler: Handler, options: { auth?: boolean; major?: string } = {}): Route {
  const source = template.replace(/[.]/g, '\\.').replace(/:(\w+)/g, '(?<$1>[^/]+)');
  return { method, template, pattern: new RegExp(`^${source}$`), auth: options.auth ?? true, handler, ...(options.major ? { major: options.major } : {}) };
}

const ROUTES: Route[] = [
  route('GET', '/gateway/bot', (fake) => ({ status: 200, body: { url: fake.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } })),
  route('GET', '/gateway', (fake) => ({ status: 200, body: { url: fake.gatewayUrl } }), { auth: false }),
  route('GET', '/applications/@me', (fake) => ({ status: 200, body: { id: fake.applicationId, name: fake.bot.username, bot_public: true, flags: 0 } })),
  route('GET', '/applications/:app/commands', (fake, ctx) => listCommands(fake, ctx, null)),
  route('PUT', '/applications/:app/commands', (fake, ctx) => putCommands(fake, ctx, null)),
  route('GET', '/applications/:app/guilds/:guild/commands', (fake, ctx) => listCommands(fake, ctx, ctx.params['guild'] ?? null)),
  route('PUT', '/applications/:app/guilds/:guild/commands', (fake, ctx) => putCommands(fake, ctx, ctx.params['guild'] ?? null)),
  route('POST', '/interactions/:id/:token/callback', interactionCallback, { auth: false }),
  route('POST', '/webhooks/:app/:token', followUp, { auth: false, major: 'token' }),
  route('GET', '/webhooks/:app/:token/messages/@original', (fake, ctx) => withOriginal(fake, ctx, (interaction, original) => ({ status: 200, body: messageJson(fake, original) }))),
  route('PATCH', '/webhooks/:app/:token/messages/@original', editOriginal, { auth: false, major: 'token' }),
  route('DELETE', '/webhooks/:app/:token/messages/@original', (fake, ctx) => withOriginal(fake, ctx, (interaction, original) => {
    interaction.originalDeleted = true;
    fake.messages.set(interaction.channelId, fake.channelMessages(interaction.channelId).filter((message) => message !== original));
    return { status: 204 };
  }), { auth: false, major: 'token' }),
  route('POST', '/channels/:channel/messages', createMessage, { major: 'channel' }),
  route('GET', '/channels/:channel', (fake, ctx) => {
    const channel = fake.channels.get(ctx.params['channel'] ?? '');
    if (!channel || (channel.guildId && (fake.permissionsOf(fake.bot.id, channel) & PERM.ViewChannel) === 0n)) return error(404, 10003, 'Unknown Channel');
    return { status: 200, body: channelJson(channel) };
  }),
  route('GET', '/guilds/:guild', (fake, ctx) => {
    const guild = fake.guilds.get(ctx.params['guild'] ?? '');
    if (!guild) return error(404, 10004, 'Unknown Guild');
    // The REST guild object carries no channels, threads, members or voice states (GUILD_CREATE does).
    const { channels: _channels, threads: _threads, members: _members, voice_states: _voice, ...body } = guildJson(guild, [], fake.users);
    return { status: 200, body };
  }),
  route('GET', '/guilds/:guild/members/:user', (fake, ctx) => {
    const guild = fake.guilds.get(ctx.params['guild'] ?? '');
    if (!guild) return error(404, 10004, 'Unknown Guild');
    const member = guild.members.find((candidate) => candidate.userId === ctx.params['user']);
    const user = member ? fake.users.get(member.userId) : undefined;
    return member && user ? { status: 200, body: memberJson(member, user) } : error(404, 10007, 'Unknown Member');
  }),
  route('POST', '/users/@me/channels', (fake, ctx) => {
    const recipient = (ctx.body as { recipient_id?: unknown } | null)?.recipient_id;
    if (typeof recipient !== 'string' || !fake.users.has(recipient)) return error(400, 50035, 'Invalid Form Body', { recipient_id: { _errors: [{ code: 'USER_UNKNOWN', message: 'Unknown user' }] } });
    const channel = fake.dmChannelOf(recipient);
    return { status: 200, body: { ...channelJson(channel), recipients: [] } };
  }),
];

export async function handleRest(fake: FakeDiscord, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  let body: unknown = null;
  let answer: Answer;
  let matched: Route | undefined;
  let params: Record<string, string> = {};
  const method = request.method ?? 'GET';
  const path = url.pathname.replace(/^\/api\/v10(?=\/)/, '');
  try {
    body = raw === '' ? null : (JSON.parse(raw) as unknown);
  } catch {
    body = undefined;
  }
  if (!url.pathname.startsWith('/api/v10/')) answer = error(404, 0, '404: Not Found');
  else if (body === undefined) answer = error(400, 50109, 'The request body contains invalid JSON.');
  else {
    for (const candidate of ROUTES) {
      const match = candidate.method === method ? candidate.pattern.exec(path) : null;
      if (match) {
        matched = candidate;
        params = { ...(match.groups ?? {}) };
        break;
      }
    }
    answer = matched ? dispatch(fake, matched, { method, params, query: url.searchParams, body }, request.headers.authorization) : error(404, 0, '404: Not Found');
  }
  fake.requests.push({ method, path, route: matched?.template ?? null, params, query: url.searchParams, body, status: answer.status, at: fake.now() });
  if (answer.status === 204) {
    // Discord answers 204 with no body and no content type (discord.js relies on it).
    response.writeHead(204, answer.headers ?? {});
    response.end();
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
  response.end(JSON.stringify(answer.body ?? null));
}

function dispatch(fake: FakeDiscord, matched: Route, ctx: Context, authorization: string | undefined): Answer {
  if (matched.auth && authorization !== `Bot ${fake.token}`) return error(401, 0, '401: Unauthorized');
  if (ctx.params['app'] !== undefined && ctx.params['app'] !== fake.applicationId) return matched.auth ? error(403, 50001, 'Missing Access') : error(404, 10015, 'Unknown Webhook');
  const major = matched.major ? (ctx.params[matched.major] ?? '') : '';
  const globalRefusal = matched.auth ? fake.limits.checkGlobal(fake.now()) : undefined;
  const verdict = globalRefusal ? { headers: {}, refusal: globalRefusal } : fake.limits.check(ctx.method, matched.template, major, fake.now());
  if (verdict.refusal) {
    const { retryAfterMs, global, scope } = verdict.refusal;
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: Math.round(retryAfterMs) / 1000, global },
      headers: { ...verdict.headers, 'retry-after': String(Math.ceil(retryAfterMs / 1000)), 'x-ratelimit-scope': scope, ...(global ? { 'x-ratelimit-global': 'true' } : {}) },
    };
  }
  const answer = matched.handler(fake, ctx);
  return { ...answer, headers: { ...verdict.headers, ...(answer.headers ?? {}) } };
}

function stripLocalizations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLocalizations);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'name_localizations' && key !== 'description_localizations').map(([key, inner]) => [key, stripLocalizations(inner)]));
}

function listCommands(fake: FakeDiscord, ctx: Context, guildId: string | null): Answer {
  if (guildId !== null && !fake.guilds.has(guildId)) return error(403, 50001, 'Missing Access');
  const commands = guildId === null ? fake.commands.global : (fake.commands.guild.get(guildId) ?? []);
  // Without with_localizations, Discord leaves the localization dictionaries out of this list.
  return { status: 200, body: ctx.query.get('with_localizations') === 'true' ? commands : stripLocalizations(commands) };
}

function putCommands(fake: FakeDiscord, ctx: Context, guildId: string | null): Answer {
  if (guildId !== null && !fake.guilds.has(guildId)) return error(403, 50001, 'Missing Access');
  const problems = commandProblems(ctx.body);
  if (problems.length > 0) return invalidForm(problems);
  const before = guildId === null ? fake.commands.global : (fake.commands.guild.get(guildId) ?? []);
  const stored = (ctx.body as Array<Record<string, unknown>>).map((command) => {
    const previous = before.find((candidate) => candidate['name'] === command['name']);
    return {
      type: 1,
      default_member_permissions: null,
      nsfw: false,
      ...(guildId === null ? { contexts: null, integration_types: [0], dm_permission: true } : { guild_id: guildId }),
      ...command,
      id: typeof previous?.['id'] === 'string' ? previous['id'] : fake.snowflake(),
      application_id: fake.applicationId,
      version: fake.snowflake(),
    };
  });
  if (guildId === null) fake.commands.global = stored;
  else fake.commands.guild.set(guildId, stored);
  return { status: 200, body: stored };
}

function storeMessage(fake: FakeDiscord, channelId: string, body: Record<string, unknown>, visible: boolean): StoredMessage {
  const message: StoredMessage = {
    id: fake.snowflake(),
    channelId,
    content: typeof body['content'] === 'string' ? body['content'] : '',
    embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
    components: Array.isArray(body['components']) ? body['components'] : [],
    flags: typeof body['flags'] === 'number' ? body['flags'] : 0,
    body,
    at: fake.now(),
  };
  if (visible) fake.messages.set(channelId, [...fake.channelMessages(channelId), message]);
  return message;
}

function checkMessage(body: unknown, where: 'channel' | 'interaction'): Answer | null {
  const problems = messageProblems(body, where);
  if (problems.length > 0) return invalidForm(problems);
  if (isEmptyMessage(body)) return error(400, 50006, 'Cannot send an empty message');
  return null;
}

function interactionCallback(fake: FakeDiscord, ctx: Context): Answer {
  const interaction = fake.interactions.get(ctx.params['id'] ?? '');
  if (!interaction || interaction.token !== ctx.params['token']) return error(404, 10062, 'Unknown interaction');
  const afterMs = Date.now() - interaction.dispatchedAt;
  if (afterMs > fake.interactionDeadlineMs) return error(404, 10062, 'Unknown interaction');
  if (interaction.callback) return error(400, 40060, 'Interaction has already been acknowledged.');
  const body = (ctx.body ?? {}) as { type?: unknown; data?: unknown };
  const allowed = interaction.type === INTERACTION.Autocomplete ? [8] : interaction.type === INTERACTION.MessageComponent ? [4, 5, 6, 7] : [4, 5, 9];
  if (typeof body.type !== 'number' || !allowed.includes(body.type)) return invalidForm([{ path: 'type', code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Invalid interaction response type for this interaction' }]);
  const data = (body.data ?? null) as Record<string, unknown> | null;
  if (body.type === 4) {
    const refused = checkMessage(data, 'interaction');
    if (refused) return refused;
    interaction.original = storeMessage(fake, interaction.channelId, data ?? {}, (((data?.['flags'] as number | undefined) ?? 0) & EPHEMERAL) === 0);
  }
  if (body.type === 5) {
    // The "thinking…" message: it exists (and can be edited or deleted) until the bot answers.
    const flags = (((data?.['flags'] as number | undefined) ?? 0) & EPHEMERAL) | LOADING;
    interaction.original = storeMessage(fake, interaction.channelId, { content: '', flags }, (flags & EPHEMERAL) === 0);
  }
  if (body.type === 8) {
    const choices = data?.['choices'];
    const problems: FieldProblem[] = [];
    if (!Array.isArray(choices) || choices.length > 25) problems.push({ path: 'data.choices', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    (Array.isArray(choices) ? choices : []).forEach((choice: { name?: unknown; value?: unknown }, index: number) => {
      if (typeof choice.name !== 'string' || choice.name.length < 1 || choice.name.length > 100) problems.push({ path: `data.choices.${index}.name`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
      if (typeof choice.value === 'string' ? choice.value.length > 100 : typeof choice.value !== 'number') problems.push({ path: `data.choices.${index}.value`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    });
    if (problems.length > 0) return invalidForm(problems);
  }
  interaction.recordCallback({ type: body.type, data, afterMs });
  if (body.type !== 5) interaction.markAnswered();
  if (ctx.query.get('with_response') === 'true') return { status: 200, body: { interaction: { id: interaction.id, type: interaction.type }, resource: { type: body.type } } };
  return { status: 204 };
}

function byToken(fake: FakeDiscord, token: string | undefined): FakeInteraction | undefined {
  for (const interaction of fake.interactions.values()) if (interaction.token === token) return interaction;
  return undefined;
}

function followUp(fake: FakeDiscord, ctx: Context): Answer {
  const interaction = byToken(fake, ctx.params['token']);
  // Before the initial response the interaction's webhook does not exist yet.
  if (!interaction?.callback) return error(404, 10015, 'Unknown Webhook');
  const refused = checkMessage(ctx.body, 'interaction');
  if (refused) return refused;
  const body = ctx.body as Record<string, unknown>;
  const message = storeMessage(fake, interaction.channelId, body, (((body['flags'] as number | undefined) ?? 0) & EPHEMERAL) === 0);
  interaction.followUps.push(message);
  interaction.markAnswered();
  return ctx.query.get('wait') === 'true' ? { status: 200, body: messageJson(fake, message) } : { status: 204 };
}

function withOriginal(fake: FakeDiscord, ctx: Context, then: (interaction: FakeInteraction, original: StoredMessage) => Answer): Answer {
  const interaction = byToken(fake, ctx.params['token']);
  if (!interaction?.callback) return error(404, 10015, 'Unknown Webhook');
  if (!interaction.original || interaction.originalDeleted) return error(404, 10008, 'Unknown Message');
  return then(interaction, interaction.original);
}

function editOriginal(fake: FakeDiscord, ctx: Context): Answer {
  const interaction = byToken(fake, ctx.params['token']);
  if (!interaction?.callback) return error(404, 10015, 'Unknown Webhook');
  if (interaction.originalDeleted || (interaction.callback.type !== 4 && interaction.callback.type !== 5)) return error(404, 10008, 'Unknown Message');
  const refused = checkMessage(ctx.body, 'interaction');
  if (refused) return refused;
  // An edit cannot change whether the original is ephemeral: that was fixed by the response.
  const flags = ((interaction.callback.data?.['flags'] as number | undefined) ?? 0) & EPHEMERAL;
  const body = { ...(ctx.body as Record<string, unknown>), flags };
  const ephemeral = flags !== 0;
  const list = fake.messages.get(interaction.channelId) ?? [];
  const previous = interaction.original;
  if (previous) fake.messages.set(interaction.channelId, list.filter((message) => message !== previous));
  interaction.original = storeMessage(fake, interaction.channelId, body, !ephemeral);
  interaction.markAnswered();
  return { status: 200, body: messageJson(fake, interaction.original) };
}

function createMessage(fake: FakeDiscord, ctx: Context): Answer {
  const channelId = ctx.params['channel'] ?? '';
  const channel = fake.channels.get(channelId);
  if (!channel) return error(404, 10003, 'Unknown Channel');
  const scripted = fake.channelErrors.get(channelId);
  if (scripted) {
    if (scripted.times !== undefined && --scripted.times <= 0) fake.channelErrors.delete(channelId);
    return error(scripted.status, scripted.code, scripted.message);
  }
  if (channel.type === CHANNEL.DM) {
    const recipient = channel.recipientId ? fake.users.get(channel.recipientId) : undefined;
    if (recipient?.dmsClosed) return error(403, 50007, 'Cannot send messages to this user');
  } else {
    const permissions = fake.permissionsOf(fake.bot.id, channel);
    if ((permissions & PERM.ViewChannel) === 0n) return error(403, 50001, 'Missing Access');
    const send = isThread(channel) ? PERM.SendMessagesInThreads : PERM.SendMessages;
    const body = (ctx.body ?? {}) as { embeds?: unknown[] };
    if ((permissions & send) === 0n || ((body.embeds?.length ?? 0) > 0 && (permissions & PERM.EmbedLinks) === 0n)) return error(403, 50013, 'Missing Permissions');
  }
  const refused = checkMessage(ctx.body, 'channel');
  if (refused) return refused;
  const message = storeMessage(fake, channelId, ctx.body as Record<string, unknown>, true);
  return { status: 200, body: messageJson(fake, message) };
}
