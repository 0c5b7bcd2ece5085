/**
 * Work that one process at a time may do, among all the processes sharing a store: sending a
 * platform's messages, holding the Discord gateway session, polling Telegram for updates. Every
 * process builds the same `ExclusiveRole`; the one holding the store role (see
 * src/store/roles.ts) runs the work, the others stand by and ask again every `retryEveryMs`, so
 * one of them takes over within that time when the holder stops or dies.
 */
import { errorFields, type EventLog } from './delivery/event-log.ts';
import type { RoleLease } from './store/roles.ts';
import type { Store } from './store/store.ts';

export interface ExclusiveWork {
  /** Begins the work; called once the role is held. */
  lead(): void | Promise<void>;
  /** Ends the work (in-flight parts finish); called before the role is given up. */
  yield(): Promise<void>;
  /**
   * The role was lost while leading (its connection failed). Default: `yield()` and stand by
   * again; work that cannot be restarted in the same process asks for a shutdown instead.
   */
  lost?(): Promise<void>;
}

export interface ExclusiveRoleOptions {
  role: string;
  work: ExclusiveWork;
  roles: Pick<Store, 'tryAcquireRole'>;
  log: EventLog;
  retryEveryMs?: number;
}

export class ExclusiveRole {
  readonly role: string;
  readonly #work: ExclusiveWork;
  readonly #roles: ExclusiveRoleOptions['roles'];
  readonly #log: EventLog;
  readonly #retryEveryMs: number;
  #lease: RoleLease | null = null;
  /** The work was started and not yet yielded (it may outlive a lost role until `stop()`). */
  #working = false;
  #retry: NodeJS.Timeout | null = null;
  #attempt: Promise<void> | null = null;
  #stopping = false;
  #standbyLogged = false;

  constructor(options: ExclusiveRoleOptions) {
    this.role = options.role;
    this.#work = options.work;
    this.#roles = options.roles;
    this.#log = options.log;
    this.#retryEveryMs = options.retryEveryMs ?? 15_000;
  }

  /** True while this process holds the role and runs the work. */
  get leading(): boolean {
    return this.#lease !== null;
  }

  /**
   * Asks for the role now; resolves once this attempt is decided (leading or standing by).
   * Rejects only when the work itself fails to start, after giving the role back.
   */
  start(): Promise<void> {
    this.#stopping = false;
    this.#attempt ??= this.#tryLead().finally(() => {
      this.#attempt = null;
    });
    return this.#attempt;
  }

  /** Ends the work and gives the role up for another process. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    await this.#attempt?.catch(() => undefined);
    if (this.#working) {
      this.#working = false;
      await this.#work.yield();
    }
    const lease = this.#lease;
    this.#lease = null;
    await lease?.release();
  }

  async #tryLead(): Promise<void> {
    if (this.#stopping || this.#lease || this.#working) return;
    let lease: RoleLease | null;
    try {
      lease = await this.#roles.tryAcquireRole(this.role);
    } catch (error) {
      this.#log.error({ event: 'role.acquire_failed', role: this.role, ...errorFields(error) }, `could not ask for the role ${this.role}; trying again`);
      this.#retryLater();
      return;
    }
    if (this.#stopping) {
      await lease?.release();
      return;
    }
    if (!lease) {
      if (!this.#standbyLogged) {
        this.#log.info({ event: 'role.standby', role: this.role }, `another process holds ${this.role}; this one stands by`);
        this.#standbyLogged = true;
      }
      this.#retryLater();
      return;
    }
    this.#standbyLogged = false;
    try {
      await this.#work.lead();
    } catch (error) {
      await lease.release();
      throw error;
    }
    this.#lease = lease;
    this.#working = true;
    this.#log.info({ event: 'role.leading', role: this.role }, `this process holds ${this.role}`);
    void lease.lost
      .then(() => this.#onLost(lease))
      .catch((error: unknown) => this.#log.error({ event: 'role.lost_failed', role: this.role, ...errorFields(error) }, `handling the loss of ${this.role} failed`));
  }

  async #onLost(lease: RoleLease): Promise<void> {
    if (this.#lease !== lease) return;
    this.#lease = null;
    this.#log.warn({ event: 'role.lost', role: this.role }, `the connection holding ${this.role} failed; the work stops until the role is taken again`);
    if (this.#work.lost) {
      // The work keeps running until `stop()`, which the lost handler is expected to bring about.
      await this.#work.lost();
      return;
    }
    this.#working = false;
    try {
      await this.#work.yield();
    } catch (error) {
      this.#log.error({ event: 'role.yield_failed', role: this.role, ...errorFields(error) }, `stopping after losing ${this.role} failed`);
    }
    if (!this.#stopping) this.#retryLater();
  }

  #retryLater(): void {
    if (this.#stopping) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.start().catch((error: unknown) => {
        this.#log.error({ event: 'role.lead_failed', role: this.role, ...errorFields(error) }, `could not start the work of ${this.role}`);
        this.#retryLater();
      });
    }, this.#retryEveryMs);
    this.#retry.unref();
  }
}
