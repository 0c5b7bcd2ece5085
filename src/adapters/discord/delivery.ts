/**
 * Digest delivery on Discord for the outbox sender: one stored Create Message body (the shared
 * renderer's output) to one target, a channel or thread id, or `user:<id>` for a personal
 * subscription (the bot opens, or reuses, its DM channel with the user first).
 *
 * Failures come back as the delivery layer's kinds (`errors.ts`); a 429 is not retried here, so
 * the sender honours `retry_after` exactly once. When Discord says a permission is missing, the
 * adapter names which one from what it knows of the channel, for the notice to admins.
 */
import { DeliveryError } from '../../delivery/delivery-error.ts';
import type { PlatformSender } from '../../delivery/platform-sender.ts';
import type { Logger } from '../../logger.ts';
import { deliveryErrorFromDiscord, DISCORD_ERROR } from './errors.ts';
import { dmUserOf } from './interaction-input.ts';
import { CONTENT_LIMIT, type DiscordPayload } from './reply-payloads.ts';
import { DiscordHttpError, type DiscordRest } from './rest-client.ts';
import type { DiscordEmbed } from '../../core/render/discord.ts';
import { cutAtCodePoint } from '../../core/render/truncate.ts';

export interface DiscordDeliveryDeps {
  rest: DiscordRest;
  logger: Logger;
  /** The permission the bot lacks in a channel, named as in Discord's settings, when known. */
  missingPermission?: (channelId: string) => Promise<string | undefined>;
}

/** The fields of a stored body that go to Discord; mentions are always disabled. */
export function messageBodyOf(body: unknown): DiscordPayload | null {
  if (typeof body !== 'object' || body === null) return null;
  const { content, embeds, components } = body as Record<string, unknown>;
  const hasContent = typeof content === 'string' && content.trim() !== '';
  const embedList = Array.isArray(embeds) ? (embeds as DiscordEmbed[]) : [];
  if (!hasContent && embedList.length === 0) return null;
  return {
    ...(hasContent ? { content: content as string } : {}),
    ...(embedList.length > 0 ? { embeds: embedList } : {}),
    ...(Array.isArray(components) && components.length > 0 ? { components: components as DiscordPayload['components'] } : {}),
    allowed_mentions: { parse: [] },
  };
}

/**
 * A body Discord refused as malformed, as plain content: the title line, then each embed's
 * title, link and text. Null when the body had no embeds (plain content has nothing simpler).
 */
export function plainTextOf(body: unknown): DiscordPayload | null {
  const message = messageBodyOf(body);
  if (!message?.embeds) return null;
  const blocks = [message.content ?? ''];
  for (const embed of message.embeds) {
    const lines = [embed.title ?? '', embed.url ? `<${embed.url}>` : '', embed.description ?? ''].filter((line) => line.trim() !== '');
    if (lines.length > 0) blocks.push(lines.join('\n'));
  }
  const content = cutAtCodePoint(blocks.filter((block) => block.trim() !== '').join('\n\n'), CONTENT_LIMIT);
  return content.trim() === '' ? null : { content, allowed_mentions: { parse: [] } };
}

interface DmChannel {
  id: string;
}

export function createDiscordDelivery(deps: DiscordDeliveryDeps): PlatformSender {
  const dmChannels = new Map<string, string>();

  async function channelFor(targetId: string): Promise<string> {
    const userId = dmUserOf(targetId);
    if (userId === null) return targetId;
    const known = dmChannels.get(userId);
    if (known) return known;
    // Discord answers with the existing DM channel when there is one.
    const channel = await deps.rest.post<DmChannel>('/users/@me/channels', { recipient_id: userId });
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  return {
    platform: 'discord',
    async send(targetId, body) {
      const message = messageBodyOf(body);
      if (!message) throw DeliveryError.badPayload('not a Discord message body (no content and no embeds)');
      let channelId = targetId;
      try {
        channelId = await channelFor(targetId);
        const sent = await deps.rest.post<{ id?: string }>(`/channels/${channelId}/messages`, message);
        return typeof sent?.id === 'string' ? { messageId: sent.id } : {};
      } catch (error) {
        const userId = dmUserOf(targetId);
        if (userId !== null && error instanceof DiscordHttpError && error.code === DISCORD_ERROR.UnknownChannel) dmChannels.delete(userId);
        const forbidden = error instanceof DiscordHttpError && (error.code === DISCORD_ERROR.MissingPermissions || error.code === DISCORD_ERROR.MissingAccess);
        const missingPermission = forbidden && userId === null ? await deps.missingPermission?.(channelId).catch(() => undefined) : undefined;
        const failure = deliveryErrorFromDiscord(error, missingPermission ? { missingPermission } : {});
        if (failure.kind === 'bad_payload') {
          deps.logger.error({ event: 'discord.payload_refused', targetId, error: failure.message }, 'Discord refused a digest message');
        }
        throw failure;
      }
    },
    plainTextFallback: plainTextOf,
  };
}
