/**
 * Updates are handled in order within a chat and concurrently across chats. telegraf waits for
 * a batch of updates to be handled before it polls again (and a webhook request waits for its
 * update), so one slow command would otherwise hold up every chat; here the handler only queues
 * the work and returns, unless too much is already waiting (then it waits for room, which slows
 * polling down instead of letting work pile up without bound).
 */
export class ChatQueues {
  readonly #tails = new Map<string, Promise<void>>();
  #pending = 0;
  #room: Array<() => void> = [];

  constructor(
    private readonly maxPending: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Resolves once the task is queued behind the chat's earlier tasks (not when it has run). */
  async submit(key: string, task: () => Promise<void>): Promise<void> {
    while (this.#pending >= this.maxPending) await new Promise<void>((resolve) => this.#room.push(resolve));
    this.#pending++;
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const run: Promise<void> = previous
      .then(task)
      .catch(this.onError)
      .finally(() => {
        this.#pending--;
        this.#room.shift()?.();
        if (this.#tails.get(key) === run) this.#tails.delete(key);
      });
    this.#tails.set(key, run);
  }

  /** Resolves when every queued task has run, including tasks queued while waiting. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }

  get pending(): number {
    return this.#pending;
  }
}
