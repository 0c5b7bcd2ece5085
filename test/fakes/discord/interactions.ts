/**
 * Interactions the fake sends (INTERACTION_CREATE) and everything the bot answered to each: the
 * initial response, the original message as edited, follow-ups, autocomplete choices. Tests and
 * the benchmark wait on `acknowledged` / `answered` instead of sleeping.
 */

export const INTERACTION = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4 } as const;
export const EPHEMERAL = 64;
/** Message flag of a deferred response's "thinking…" placeholder. */
export const LOADING = 128;

export interface StoredMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  /** The request body as the bot sent it. */
  body: Record<string, unknown>;
  /** On the fake's clock: when it was created or last edited. */
  at: number;
}

export interface CallbackRecord {
  type: number;
  data: Record<string, unknown> | null;
  /** Real milliseconds after the interaction was dispatched. */
  afterMs: number;
}

export type OptionInput = string | number | boolean | { channel: string };

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export class FakeInteraction {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly channelId: string;
  readonly guildId: string | null;
  readonly userId: string;
  readonly payload: Record<string, unknown>;
  /** Real time it was dispatched (Date.now), for the 3-second rule. */
  readonly dispatchedAt: number;
  callback: CallbackRecord | null = null;
  original: StoredMessage | null = null;
  originalDeleted = false;
  readonly followUps: StoredMessage[] = [];
  /** Real time (performance.now) the visible answer was complete enough to read. */
  answeredAt: number | null = null;
  readonly #acknowledged = deferred<CallbackRecord>();
  readonly #answered = deferred<void>();

  constructor(init: { id: string; token: string; type: number; channelId: string; guildId: string | null; userId: string; payload: Record<string, unknown> }) {
    this.id = init.id;
    this.token = init.token;
    this.type = init.type;
    this.channelId = init.channelId;
    this.guildId = init.guildId;
    this.userId = init.userId;
    this.payload = init.payload;
    this.dispatchedAt = Date.now();
  }

  /** The initial response arrived (a message, a deferral, choices). */
  get acknowledged(): Promise<CallbackRecord> {
    return this.#acknowledged.promise;
  }

  /** Something the user can read: the response message, the edited original, choices, or an ephemeral follow-up. */
  get answered(): Promise<void> {
    return this.#answered.promise;
  }

  get isAnswered(): boolean {
    return this.answeredAt !== null;
  }

  /** What the user sees, in order: the original (unless deleted) and the follow-ups. */
  messages(): StoredMessage[] {
    const original = this.original && !this.originalDeleted ? [this.original] : [];
    return [...original, ...this.followUps];
  }

  /** Choices offered in answer to an autocomplete interaction. */
  get choices(): Array<{ name: string; value: string | number }> {
    const data = this.callback?.type === 8 ? this.callback.data : null;
    return (data?.['choices'] as Array<{ name: string; value: string | number }> | undefined) ?? [];
  }

  recordCallback(record: CallbackRecord): void {
    this.callback = record;
    this.#acknowledged.resolve(record);
  }

  markAnswered(): void {
    if (this.answeredAt !== null) return;
    this.answeredAt = performance.now();
    this.#answered.resolve();
  }
}

/** Interaction options as Discord sends them, with the type each value implies. */
export function optionsOf(values: Record<string, OptionInput>, focused?: string): Array<Record<string, unknown>> {
  return Object.entries(values).map(([name, value]) => {
    const type = typeof value === 'object' ? 7 : typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3;
    const option: Record<string, unknown> = { name, type, value: typeof value === 'object' ? value.channel : value };
    if (focused === name) option['focused'] = true;
    return option;
  });
}
