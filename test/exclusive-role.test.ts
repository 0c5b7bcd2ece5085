import { describe, expect, it } from 'vitest';
import { ExclusiveRole, type ExclusiveWork } from '../src/exclusive-role.ts';
import { InProcessRoles, type RoleLease } from '../src/store/roles.ts';
import { recordingEventLog, until } from './support/event-log.ts';

/** Work that only records what it was told. */
function recordingWork(extra: Partial<ExclusiveWork> = {}) {
  const calls: string[] = [];
  const state = { running: false };
  const work: ExclusiveWork = {
    lead() {
      state.running = true;
      calls.push('lead');
    },
    async yield() {
      state.running = false;
      calls.push('yield');
    },
    ...extra,
  };
  return { calls, state, work };
}

const lease = (role: string, lost: Promise<void> = new Promise<void>(() => undefined)): RoleLease => ({ role, lost, release: async () => undefined });

describe('ExclusiveRole', () => {
  it('given two processes asking for one role then one works and the other stands by, then takes over when the first stops', async () => {
    const roles = new InProcessRoles();
    const store = { tryAcquireRole: (role: string) => roles.tryAcquire(role) };
    const [a, b] = [recordingWork(), recordingWork()];
    const logB = recordingEventLog();
    const first = new ExclusiveRole({ role: 'sender:telegram', work: a.work, roles: store, log: recordingEventLog().log, retryEveryMs: 10 });
    const second = new ExclusiveRole({ role: 'sender:telegram', work: b.work, roles: store, log: logB.log, retryEveryMs: 10 });
    await first.start();
    await second.start();
    expect([first.leading, second.leading, a.state.running, b.state.running]).toEqual([true, false, true, false]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(logB.events().filter((event) => event === 'role.standby')).toHaveLength(1);

    await first.stop();
    expect(a.calls).toEqual(['lead', 'yield']);
    await until(() => second.leading);
    expect(b.state.running).toBe(true);
    await second.stop();
    expect(b.calls).toEqual(['lead', 'yield']);
  });

  it('given the role is lost then the work stops at once and resumes when the role is taken again', async () => {
    let lose: () => void = () => undefined;
    let grants = 0;
    const store = {
      async tryAcquireRole(role: string): Promise<RoleLease | null> {
        grants += 1;
        return grants === 1 ? lease(role, new Promise<void>((resolve) => (lose = resolve))) : lease(role);
      },
    };
    const { calls, state, work } = recordingWork();
    const { events, log } = recordingEventLog();
    const exclusive = new ExclusiveRole({ role: 'sender:discord', work, roles: store, log, retryEveryMs: 10 });
    await exclusive.start();
    lose();
    await until(() => !state.running);
    expect(events()).toContain('role.lost');
    await until(() => state.running);
    expect(grants).toBe(2);
    await exclusive.stop();
    expect(calls).toEqual(['lead', 'yield', 'lead', 'yield']);
  });

  it('given work that cannot restart in place then losing the role calls its handler, and stop() still ends the work', async () => {
    let lose: () => void = () => undefined;
    const store = { tryAcquireRole: async (role: string) => lease(role, new Promise<void>((resolve) => (lose = resolve))) };
    const shutdowns: string[] = [];
    const { calls, work } = recordingWork({ lost: async () => void shutdowns.push('shutdown') });
    const exclusive = new ExclusiveRole({ role: 'discord:gateway', work, roles: store, log: recordingEventLog().log, retryEveryMs: 10 });
    await exclusive.start();
    lose();
    await until(() => shutdowns.length === 1);
    expect(exclusive.leading).toBe(false);
    await exclusive.stop();
    expect(calls).toEqual(['lead', 'yield']);
  });

  it('given the store cannot be asked then it logs and tries again instead of failing', async () => {
    let calls = 0;
    const store = {
      async tryAcquireRole(role: string): Promise<RoleLease | null> {
        calls += 1;
        if (calls === 1) throw new Error('connection refused');
        return lease(role);
      },
    };
    const { state, work } = recordingWork();
    const { events, log } = recordingEventLog();
    const exclusive = new ExclusiveRole({ role: 'sender:telegram', work, roles: store, log, retryEveryMs: 10 });
    await exclusive.start();
    expect(events()).toEqual(['role.acquire_failed']);
    await until(() => state.running);
    await exclusive.stop();
  });

  it('given work that fails to start then the role is given back and the error reaches the caller', async () => {
    const roles = new InProcessRoles();
    const store = { tryAcquireRole: (role: string) => roles.tryAcquire(role) };
    const failing = new ExclusiveRole({ role: 'discord:gateway', work: recordingWork({ lead: () => Promise.reject(new Error('could not connect')) }).work, roles: store, log: recordingEventLog().log });
    await expect(failing.start()).rejects.toThrow('could not connect');
    expect(await roles.tryAcquire('discord:gateway')).not.toBeNull();
  });
});
