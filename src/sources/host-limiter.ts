/** At most `perHost` tasks at once against one host, and at most `total` overall. */
export class HostLimiter {
  readonly #active = new Map<string, number>();
  #running = 0;
  readonly #waiting: Array<{ host: string; start: () => void }> = [];

  constructor(
    readonly perHost: number,
    readonly total: number,
  ) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.#waiting.push({ host, start: resolve });
      this.#pump();
    });
    try {
      return await task();
    } finally {
      this.#running -= 1;
      this.#active.set(host, (this.#active.get(host) ?? 1) - 1);
      this.#pump();
    }
  }

  #pump(): void {
    for (let index = 0; index < this.#waiting.length && this.#running < this.total; ) {
      const next = this.#waiting[index];
      if (next && (this.#active.get(next.host) ?? 0) < this.perHost) {
        this.#waiting.splice(index, 1);
        this.#running += 1;
        this.#active.set(next.host, (this.#active.get(next.host) ?? 0) + 1);
        next.start();
      } else index += 1;
    }
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
