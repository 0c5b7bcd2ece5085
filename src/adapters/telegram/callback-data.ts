/**
 * Inline buttons carry the command line they run. Telegram allows 1–64 bytes of callback data,
 * so a line that fits travels in the button itself (`r:/news iraq-us-relations`); a longer one
 * is kept here and the button carries a short key to it. Keys live in memory, a bounded number
 * of them: after a restart or once evicted, pressing such a button says it has expired.
 *
 * The mode says what to do with the answer: `send` posts it as new messages, `edit` replaces the
 * message the button belongs to (pickers that turn into their result).
 */
import { randomBytes } from 'node:crypto';

export const CALLBACK_DATA_MAX_BYTES = 64;

export type ButtonMode = 'send' | 'edit';

export interface ButtonAction {
  mode: ButtonMode;
  /** A command line such as `/subscribe iraq-us-relations 08:00`. */
  line: string;
}

export type DecodedButton = { kind: 'action'; action: ButtonAction } | { kind: 'expired' } | { kind: 'foreign' };

const MODE_PREFIX: Record<ButtonMode, string> = { send: 'r:', edit: 'e:' };
const KEY_PREFIX = 'k:';

export class CallbackCodec {
  readonly #stored = new Map<string, ButtonAction>();
  /** Keys from an earlier process (or another instance) never match this one's. */
  readonly #epoch = randomBytes(3).toString('base64url');
  #next = 0;

  constructor(private readonly capacity = 10_000) {}

  encode(action: ButtonAction): string {
    const inline = `${MODE_PREFIX[action.mode]}${action.line}`;
    if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return inline;
    const key = `${KEY_PREFIX}${this.#epoch}.${(this.#next++).toString(36)}`;
    this.#stored.set(key, action);
    // Oldest first out: a Map iterates in insertion order.
    if (this.#stored.size > this.capacity) this.#stored.delete(this.#stored.keys().next().value as string);
    return key;
  }

  decode(data: string | undefined): DecodedButton {
    if (data === undefined) return { kind: 'foreign' };
    if (data.startsWith(KEY_PREFIX)) {
      const action = this.#stored.get(data);
      return action ? { kind: 'action', action } : { kind: 'expired' };
    }
    for (const [mode, prefix] of Object.entries(MODE_PREFIX) as Array<[ButtonMode, string]>) {
      if (data.startsWith(prefix) && data.length > prefix.length) return { kind: 'action', action: { mode, line: data.slice(prefix.length) } };
    }
    return { kind: 'foreign' };
  }

  get storedKeys(): number {
    return this.#stored.size;
  }
}
