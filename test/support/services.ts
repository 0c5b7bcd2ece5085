/**
 * External services the tests may use. PostgreSQL is optional on a developer machine (the tests that
 * need it are skipped with a visible notice) but required under CI=true: there a missing server fails
 * the run instead of letting the PostgreSQL suite pass by not running.
 */
import { spawnSync } from 'node:child_process';
import { describe } from 'vitest';
import { withDefaultUser } from '../../src/store/postgres-store.ts';
import { repoRoot } from './shared.ts';

export function postgresUrl(): string {
  return withDefaultUser(process.env['MOWJAZ_TEST_POSTGRES_URL'] ?? 'postgres://127.0.0.1:5432/test');
}

const PROBE = `
const pg = require('pg');
const client = new pg.Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 2000 });
client.connect()
  .then(() => client.query('select 1'))
  .then(() => client.end())
  .then(() => process.exit(0))
  .catch((error) => { process.stderr.write(String(error && error.message || error)); process.exit(1); });
`;

let postgresProbe: { ok: boolean; reason: string } | undefined;

/**
 * Whether PostgreSQL answers a real query at `postgresUrl()`. Synchronous (a short child process)
 * so suites can be declared or skipped at collection time; the answer is cached per test file.
 */
export function postgresReachable(): { ok: boolean; reason: string } {
  if (postgresProbe) return postgresProbe;
  const result = spawnSync(process.execPath, ['-e', PROBE], {
    cwd: repoRoot,
    env: { ...process.env, PROBE_URL: postgresUrl() },
    encoding: 'utf8',
    timeout: 5_000,
  });
  postgresProbe =
    result.status === 0
      ? { ok: true, reason: '' }
      : { ok: false, reason: (result.stderr || result.error?.message || 'no answer').trim() };
  return postgresProbe;
}

/** `describe` that needs PostgreSQL: skipped with a notice when it is unreachable, a failure under CI. */
export function describeWithPostgres(name: string, body: () => void): void {
  const probe = postgresReachable();
  if (probe.ok) {
    describe(name, body);
    return;
  }
  const where = process.env['MOWJAZ_TEST_POSTGRES_URL'] ?? 'postgres://127.0.0.1:5432/test';
  if (process.env['CI'] === 'true') {
    throw new Error(`PostgreSQL is required under CI but ${where} is unreachable: ${probe.reason}`);
  }
  console.warn(`[mowjaz tests] NOTICE: PostgreSQL at ${where} is unreachable (${probe.reason}); skipping "${name}".`);
  describe.skip(`${name} (skipped: PostgreSQL unreachable)`, body);
}
