/**
 * A platform's sender, run by one process at a time. Every process that serves a platform builds
 * one; the process holding the store role `sender:<platform>` drains the outbox, the others stand
 * by and try again every `retryEveryMs`, so a new sender takes over within that time when the
 * holder stops or dies. Needed because the outbox is read rather than claimed and the platform's
 * rate limits are counted in the sending process: two senders would send messages twice and
 * together exceed the limits.
 */
import type { RoleLease } from '../store/roles.ts';
import type { Store } from '../store/store.ts';
import { errorFields, type EventLog } from './event-log.ts';
import type { Sender } from './sender.ts';

export interface ExclusiveSenderOptions {
  sender: Pick<Sender, 'platform' | 'start' | 'stop' | 'notify'>;
  roles: Pick<Store, 'tryAcquireRole'>;
  log: EventLog;
  retryEveryMs?: number;
}

export class ExclusiveSender {
  readonly #sender: ExclusiveSenderOptions['sender'];
  readonly #roles: ExclusiveSenderOptions['roles'];
  readonly #log: EventLog;
  readonly #retryEveryMs: number;
  readonly #role: string;
  #lease: RoleLease | null = null;
  #retry: NodeJS.Timeout | null = null;
  #attempt: Promise<void> | null = null;
  #stopping = false;
  #standbyLogged = false;

  constructor(options: ExclusiveSenderOptions) {
    this.#sender = options.sender;
    this.#roles = options.roles;
    this.#log = options.log;
    this.#retryEveryMs = options.retryEveryMs ?? 15_000;
    this.#role = `sender:${options.sender.platform}`;
  }

  /** True while this process holds the role and its sender runs. */
  get leading(): boolean {
    return this.#lease !== null;
  }

  /** Tries for the role now; resolves once this attempt is decided (leading or standing by). */
  start(): Promise<void> {
    this.#stopping = false;
    this.#attempt ??= this.#tryLead().finally(() => {
      this.#attempt = null;
    });
    return this.#attempt;
  }

  notify(): void {
    if (this.#lease) this.#sender.notify();
  }

  /** Stops sending (in-flight sends finish) and gives the role up for another process. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    await this.#attempt;
    const lease = this.#lease;
    this.#lease = null;
    if (lease) {
      await this.#sender.stop();
      await lease.release();
    }
  }

  async #tryLead(): Promise<void> {
    if (this.#stopping || this.#lease) return;
    const platform = this.#sender.platform;
    let lease: RoleLease | null;
    try {
      lease = await this.#roles.tryAcquireRole(this.#role);
    } catch (error) {
      this.#log.error({ event: 'delivery.sender_role_failed', platform, ...errorFields(error) }, 'could not ask for the sender role; trying again');
      this.#retryLater();
      return;
    }
    if (this.#stopping) {
      await lease?.release();
      return;
    }
    if (!lease) {
      if (!this.#standbyLogged) {
        this.#log.info({ event: 'delivery.sender_standby', platform }, `another process sends ${platform} messages; this one stands by`);
        this.#standbyLogged = true;
      }
      this.#retryLater();
      return;
    }
    this.#lease = lease;
    this.#standbyLogged = false;
    this.#log.info({ event: 'delivery.sender_leading', platform }, `this process sends ${platform} messages`);
    this.#sender.start();
    void lease.lost.then(() => this.#onLost(lease));
  }

  async #onLost(lease: RoleLease): Promise<void> {
    if (this.#lease !== lease) return;
    this.#lease = null;
    this.#log.warn({ event: 'delivery.sender_role_lost', platform: this.#sender.platform }, 'the connection holding the sender role failed; sending stops until the role is taken again');
    await this.#sender.stop();
    if (!this.#stopping) this.#retryLater();
  }

  #retryLater(): void {
    if (this.#stopping) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.start();
    }, this.#retryEveryMs);
    this.#retry.unref();
  }
}
