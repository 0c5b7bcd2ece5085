/**
 * Webhook delivery as Telegram does it: pending updates are POSTed one at a time, oldest first,
 * as JSON with the `X-Telegram-Bot-Api-Secret-Token` header when a secret was set; an update
 * leaves the queue once the bot answers 2xx and is retried after a pause otherwise.
 */
import type { Update } from 'telegraf/types';

export interface WebhookDelivery {
  updateId: number;
  status: number;
}

export interface WebhookQueue {
  next(): Update | undefined;
  delivered(updateId: number): void;
}

const RETRY_PAUSE_MS = 100;
/** Telegram gives up on an update the bot keeps refusing; the fake gives up sooner. */
const MAX_ATTEMPTS = 5;

export class WebhookPusher {
  readonly deliveries: WebhookDelivery[] = [];
  #running = false;
  #stopped = false;
  #attempts = new Map<number, number>();

  constructor(
    readonly url: string,
    private readonly secret: string | null,
    private readonly queue: WebhookQueue,
  ) {}

  wake(): void {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    void this.#pump().finally(() => {
      this.#running = false;
    });
  }

  stop(): void {
    this.#stopped = true;
  }

  async #pump(): Promise<void> {
    for (let update = this.queue.next(); update && !this.#stopped; update = this.queue.next()) {
      const status = await this.#post(update);
      this.deliveries.push({ updateId: update.update_id, status });
      if (status >= 200 && status < 300) {
        this.queue.delivered(update.update_id);
        continue;
      }
      const attempts = (this.#attempts.get(update.update_id) ?? 0) + 1;
      this.#attempts.set(update.update_id, attempts);
      if (attempts >= MAX_ATTEMPTS) {
        this.queue.delivered(update.update_id);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }

  async #post(update: Update): Promise<number> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.secret ? { 'x-telegram-bot-api-secret-token': this.secret } : {}) },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      // Connection refused or reset: Telegram counts it as a failed delivery.
      return 0;
    }
  }
}
