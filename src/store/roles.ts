/**
 * Exclusive roles among the processes sharing one store. "The Telegram sender" must be a single
 * process: the outbox is read, not claimed, and a platform's rate limits are counted in the
 * process that sends. PostgreSQL holds a role as a session advisory lock on a connection of its
 * own, so the server frees it when the process or its connection dies and another process can
 * take over. SQLite serves one process, so its roles are kept in memory.
 */
import type pg from 'pg';

export interface RoleLease {
  readonly role: string;
  /** Resolves when the role was lost without `release()` (the connection holding it failed). */
  readonly lost: Promise<void>;
  /** Gives the role up; idempotent. */
  release(): Promise<void>;
}

export interface RoleLocks {
  /** The role, or null when another holder has it. */
  tryAcquire(role: string): Promise<RoleLease | null>;
  /** Releases every role still held. */
  close(): Promise<void>;
}

/** Roles within one process (the SQLite store). */
export class InProcessRoles implements RoleLocks {
  readonly #held = new Set<string>();

  async tryAcquire(role: string): Promise<RoleLease | null> {
    if (this.#held.has(role)) return null;
    this.#held.add(role);
    return {
      role,
      // Nothing outside the process can take it away.
      lost: new Promise<void>(() => undefined),
      release: async () => {
        this.#held.delete(role);
      },
    };
  }

  async close(): Promise<void> {
    this.#held.clear();
  }
}

export interface PostgresRolesOptions {
  /** How often a held role's connection is checked; a failed check counts as losing the role. */
  checkEveryMs?: number;
}

/** The advisory-lock key of role `$1`, per schema so that stores in other schemas do not collide. */
const ROLE_KEY = `hashtext(current_schema() || '.mowjaz.role.' || $1)`;

/** Roles as PostgreSQL session advisory locks, keyed by schema so test schemas do not collide. */
export class PostgresRoles implements RoleLocks {
  readonly #pool: pg.Pool;
  readonly #checkEveryMs: number;
  readonly #leases = new Set<RoleLease>();

  constructor(pool: pg.Pool, options: PostgresRolesOptions = {}) {
    this.#pool = pool;
    this.#checkEveryMs = options.checkEveryMs ?? 10_000;
  }

  async tryAcquire(role: string): Promise<RoleLease | null> {
    const client = await this.#pool.connect();
    let failed: (error: Error) => void = () => undefined;
    // A checked-out client's errors are not the pool's to swallow; unlistened they end the process.
    const onError = (error: Error): void => failed(error);
    client.on('error', onError);
    // Back to the pool (or destroyed, given an error) without this lease's listener.
    const giveBack = (error?: Error | true): void => {
      client.off('error', onError);
      client.release(error);
    };
    let locked = false;
    try {
      const result = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock(${ROLE_KEY}) as locked`, [role]);
      locked = result.rows[0]?.locked === true;
    } catch (error) {
      giveBack(error instanceof Error ? error : true);
      throw error;
    }
    if (!locked) {
      giveBack();
      return null;
    }

    let done = false;
    let markLost: () => void = () => undefined;
    const lost = new Promise<void>((resolve) => {
      markLost = resolve;
    });
    /** Ends the lease once; false when it had already ended. */
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      clearInterval(check);
      this.#leases.delete(lease);
      return true;
    };
    failed = (error) => {
      if (!finish()) return;
      // A broken connection is destroyed rather than returned to the pool.
      giveBack(error);
      markLost();
    };
    const check = setInterval(() => {
      client.query('select 1').catch((error: unknown) => failed(error instanceof Error ? error : new Error(String(error))));
    }, this.#checkEveryMs);
    check.unref();
    const lease: RoleLease = {
      role,
      lost,
      release: async () => {
        if (!finish()) return;
        try {
          await client.query(`select pg_advisory_unlock(${ROLE_KEY})`, [role]);
          giveBack();
        } catch (error) {
          // The lock dies with the connection: destroying it is a release too.
          giveBack(error instanceof Error ? error : true);
        }
      },
    };
    this.#leases.add(lease);
    return lease;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#leases].map((lease) => lease.release()));
  }
}
