import { describe, expect, it } from 'vitest';
import { ExclusiveSender } from '../../src/delivery/exclusive-sender.ts';
import type { LogFields } from '../../src/delivery/event-log.ts';
import { InProcessRoles, type RoleLease } from '../../src/store/roles.ts';

/** A sender that only records whether it runs. */
function fakeSender() {
  const calls: string[] = [];
  return {
    calls,
    running: false,
    platform: 'telegram' as const,
    start() {
      this.running = true;
      calls.push('start');
    },
    async stop() {
      this.running = false;
      calls.push('stop');
    },
    notify() {
      calls.push('notify');
    },
  };
}

function recordingLog() {
  const events: string[] = [];
  const record = (fields: LogFields): void => void events.push(fields.event);
  return { events, log: { debug: record, info: record, warn: record, error: record } };
}

const until = async (check: () => boolean, ms = 2_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('ExclusiveSender', () => {
  it('given two processes for one platform then one sends and the other stands by, then takes over when the first stops', async () => {
    const roles = new InProcessRoles();
    const store = { tryAcquireRole: (role: string) => roles.tryAcquire(role) };
    const [a, b] = [fakeSender(), fakeSender()];
    const logB = recordingLog();
    const first = new ExclusiveSender({ sender: a, roles: store, log: recordingLog().log, retryEveryMs: 10 });
    const second = new ExclusiveSender({ sender: b, roles: store, log: logB.log, retryEveryMs: 10 });
    await first.start();
    await second.start();
    expect([first.leading, second.leading, a.running, b.running]).toEqual([true, false, true, false]);
    second.notify();
    expect(b.calls).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(logB.events.filter((event) => event === 'delivery.sender_standby')).toHaveLength(1);

    await first.stop();
    expect(a.calls).toEqual(['start', 'stop']);
    await until(() => second.leading);
    expect(b.running).toBe(true);
    second.notify();
    expect(b.calls).toEqual(['start', 'notify']);
    await second.stop();
    expect(b.running).toBe(false);
  });

  it('given the role is lost then sending stops at once and resumes when the role is taken again', async () => {
    let lose: () => void = () => undefined;
    let grants = 0;
    const store = {
      async tryAcquireRole(role: string): Promise<RoleLease | null> {
        grants += 1;
        const lost = grants === 1 ? new Promise<void>((resolve) => (lose = resolve)) : new Promise<void>(() => undefined);
        return { role, lost, release: async () => undefined };
      },
    };
    const sender = fakeSender();
    const { events, log } = recordingLog();
    const exclusive = new ExclusiveSender({ sender, roles: store, log, retryEveryMs: 10 });
    await exclusive.start();
    expect(sender.running).toBe(true);
    lose();
    await until(() => !sender.running);
    expect(events).toContain('delivery.sender_role_lost');
    await until(() => sender.running);
    expect(grants).toBe(2);
    await exclusive.stop();
  });

  it('given the store cannot be asked then it logs and tries again instead of failing', async () => {
    let calls = 0;
    const store = {
      async tryAcquireRole(role: string): Promise<RoleLease | null> {
        calls += 1;
        if (calls === 1) throw new Error('connection refused');
        return { role, lost: new Promise<void>(() => undefined), release: async () => undefined };
      },
    };
    const sender = fakeSender();
    const { events, log } = recordingLog();
    const exclusive = new ExclusiveSender({ sender, roles: store, log, retryEveryMs: 10 });
    await exclusive.start();
    expect(events).toEqual(['delivery.sender_role_failed']);
    await until(() => sender.running);
    await exclusive.stop();
  });
});
