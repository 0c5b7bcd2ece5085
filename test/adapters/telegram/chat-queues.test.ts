import { describe, expect, it } from 'vitest';
import { ChatQueues } from '../../../src/adapters/telegram/chat-queues.ts';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ChatQueues', () => {
  it('runs a chat\'s updates in order while other chats go ahead', async () => {
    const queues = new ChatQueues(100, () => undefined);
    const log: string[] = [];
    let releaseSlow: () => void = () => undefined;
    await queues.submit('a', () => new Promise<void>((resolve) => (releaseSlow = () => (log.push('a1'), resolve()))));
    await queues.submit('a', async () => void log.push('a2'));
    await queues.submit('b', async () => void log.push('b1'));
    await tick();
    expect(log).toEqual(['b1']);
    releaseSlow();
    await queues.idle();
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });

  it('keeps going after a failed update, and reports the failure', async () => {
    const failures: unknown[] = [];
    const queues = new ChatQueues(10, (error) => void failures.push(error));
    const log: string[] = [];
    await queues.submit('a', async () => {
      throw new Error('boom');
    });
    await queues.submit('a', async () => void log.push('after'));
    await queues.idle();
    expect(log).toEqual(['after']);
    expect(failures).toEqual([new Error('boom')]);
  });

  it('makes intake wait once too much is pending, so work cannot pile up without bound', async () => {
    const queues = new ChatQueues(2, () => undefined);
    const releases: Array<() => void> = [];
    const blocked = () => new Promise<void>((resolve) => releases.push(resolve));
    await queues.submit('a', blocked);
    await queues.submit('b', blocked);
    let third = false;
    const accepted = queues.submit('c', async () => undefined).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    expect(queues.pending).toBe(2);
    releases[0]!();
    await accepted;
    expect(third).toBe(true);
    releases[1]!();
    await queues.idle();
    expect(queues.pending).toBe(0);
  });
});
