/**
 * Answering one interaction, within Discord's rules: one initial response within 3 seconds (a
 * message, or "thinking…" for slow work), then the original edited and extra messages sent as
 * follow-ups with the interaction's token (valid 15 minutes).
 *
 * Whether an answer is ephemeral is fixed by the initial response. An answer deferred publicly
 * that turns out to be for the asker only (an error, a confirmation) therefore replaces the
 * "thinking…" message: the original is deleted and the answer follows up as ephemeral.
 *
 * Calls are serialised, so a safety deferral racing the final answer cannot interleave with it.
 */
import type { Logger } from '../../logger.ts';
import { isUnknownInteraction } from './errors.ts';
import { EPHEMERAL_FLAG, type DiscordPayload } from './reply-payloads.ts';
import type { Suggestion } from './autocomplete.ts';

/** Interaction callback types (Interactions → Receiving and Responding). */
export const CALLBACK_TYPE = { ChannelMessage: 4, DeferredChannelMessage: 5, DeferredUpdateMessage: 6, AutocompleteResult: 8 } as const;

type Route = `/${string}`;

/** The slice of discord.js's REST client (`interaction-rest.ts`) the responder uses. */
export interface InteractionRest {
  post(route: Route, options: { body?: unknown; auth?: boolean }): Promise<unknown>;
  patch(route: Route, options: { body?: unknown; auth?: boolean }): Promise<unknown>;
  delete(route: Route, options: { auth?: boolean }): Promise<unknown>;
}

export interface InteractionRef {
  applicationId: string;
  id: string;
  token: string;
}

type State = 'pending' | 'deferred' | 'answered' | 'expired';

export class InteractionResponder {
  readonly #rest: InteractionRest;
  readonly #ref: InteractionRef;
  readonly #log: Logger;
  #state: State = 'pending';
  #deferredEphemeral = false;
  #chain: Promise<void> = Promise.resolve();

  constructor(rest: InteractionRest, ref: InteractionRef, log: Logger) {
    this.#rest = rest;
    this.#ref = ref;
    this.#log = log;
  }

  get state(): State {
    return this.#state;
  }

  /** "Thinking…": buys 15 minutes. A no-op once anything was sent. */
  defer(ephemeral: boolean): Promise<void> {
    return this.#serial(async () => {
      if (this.#state !== 'pending') return;
      await this.#callback({ type: CALLBACK_TYPE.DeferredChannelMessage, data: ephemeral ? { flags: EPHEMERAL_FLAG } : {} });
      this.#state = 'deferred';
      this.#deferredEphemeral = ephemeral;
    });
  }

  /** The answer: the first payload as the response (or the edited original), the rest as follow-ups. */
  send(payloads: readonly DiscordPayload[], ephemeral: boolean): Promise<void> {
    return this.#serial(async () => {
      const [first, ...rest] = payloads;
      if (!first || this.#state === 'expired' || this.#state === 'answered') return;
      const flags = ephemeral ? { flags: EPHEMERAL_FLAG } : {};
      if (this.#state === 'pending') {
        await this.#callback({ type: CALLBACK_TYPE.ChannelMessage, data: { ...first, ...flags } });
        this.#state = 'answered';
        for (const payload of rest) await this.#followUp({ ...payload, ...flags });
        return;
      }
      const wasEphemeral = this.#deferredEphemeral;
      this.#state = 'answered';
      if (ephemeral && !wasEphemeral) {
        await this.#rest.delete(this.#originalRoute(), { auth: false });
        for (const payload of payloads) await this.#followUp({ ...payload, flags: EPHEMERAL_FLAG });
        return;
      }
      await this.#rest.patch(this.#originalRoute(), { body: first, auth: false });
      for (const payload of rest) await this.#followUp(wasEphemeral || ephemeral ? { ...payload, flags: EPHEMERAL_FLAG } : payload);
    });
  }

  /** Acknowledges a button press without answering (the message stays as it is). */
  acknowledge(): Promise<void> {
    return this.#serial(async () => {
      if (this.#state !== 'pending') return;
      await this.#callback({ type: CALLBACK_TYPE.DeferredUpdateMessage });
      this.#state = 'answered';
    });
  }

  autocomplete(choices: readonly Suggestion[]): Promise<void> {
    return this.#serial(async () => {
      if (this.#state !== 'pending') return;
      await this.#callback({ type: CALLBACK_TYPE.AutocompleteResult, data: { choices } });
      this.#state = 'answered';
    });
  }

  #serial(step: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(async () => {
      try {
        await step();
      } catch (error) {
        if (!isUnknownInteraction(error)) throw error;
        // Too late (over 3 s without a response, or the token expired): nothing can reach the user now.
        this.#state = 'expired';
        this.#log.warn({ event: 'discord.interaction_expired', interactionId: this.#ref.id }, 'the interaction expired before it was answered');
      }
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  #callback(body: unknown): Promise<unknown> {
    return this.#rest.post(`/interactions/${this.#ref.id}/${this.#ref.token}/callback`, { body, auth: false });
  }

  #followUp(payload: DiscordPayload): Promise<unknown> {
    return this.#rest.post(`/webhooks/${this.#ref.applicationId}/${this.#ref.token}`, { body: payload, auth: false });
  }

  #originalRoute(): Route {
    return `/webhooks/${this.#ref.applicationId}/${this.#ref.token}/messages/@original`;
  }
}
