/**
 * The fake Bot API in a thread of its own for the Telegram benchmark: "Telegram" then stamps a
 * request when it arrives, not when the bot's event loop lets it, as a separate server would.
 * The main thread drives it with messages; each answer carries the request's `id`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Chat } from 'telegraf/types';
import { FakeTelegramBotApi } from '../test/fakes/telegram-bot-api.ts';
import { privateChat, userNamed } from '../test/fakes/telegram/updates.ts';

export type WorkerRequest =
  | { id: number; type: 'addChats'; chats: Chat[] }
  /** A user sends `text`; answered with the time until the bot's first sendMessage arrived. */
  | { id: number; type: 'say'; userId: number; text: string }
  | { id: number; type: 'sends'; from: number }
  | { id: number; type: 'close' };

export interface SendRecord {
  at: number;
  ok: boolean;
  errorCode: number | null;
  chatId: string;
}

const port = parentPort;
if (!port) throw new Error('the fake Bot API worker must run in a worker thread');

// Epoch milliseconds with sub-millisecond precision, so latencies are not rounded to whole ms.
const now = (): number => performance.timeOrigin + performance.now();
const fake = new FakeTelegramBotApi({ now, ...(workerData as object) });
const apiRoot = await fake.start();

port.on('message', (request: WorkerRequest) => {
  void handle(request).then(
    (result) => port.postMessage({ id: request.id, result }),
    (error: unknown) => port.postMessage({ id: request.id, error: String(error) }),
  );
});
port.postMessage({ id: 0, result: { apiRoot, token: fake.token } });

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'addChats':
      fake.addChat(...(request.chats as Parameters<typeof fake.addChat>));
      return request.chats.length;
    case 'say': {
      const user = userNamed(request.userId, `Reader ${request.userId}`, { language_code: 'en' });
      const chat = privateChat(user);
      const answered = fake.waitForCall((call) => call.method === 'sendMessage' && Number(call.params['chat_id']) === chat.id, 30_000);
      const pushedAt = now();
      fake.userSays(chat, user, request.text);
      const call = await answered;
      return { ms: call.at - pushedAt, ok: call.ok };
    }
    case 'sends':
      return fake
        .callsTo('sendMessage')
        .slice(request.from)
        .map((call): SendRecord => ({ at: call.at, ok: call.ok, errorCode: call.errorCode ?? null, chatId: String(call.params['chat_id']) }));
    case 'close':
      await fake.close();
      return true;
  }
}
