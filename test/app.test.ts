import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore, platformsFor, StartupError, startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { main } from '../src/main.ts';
import { createLogger, silentLogger } from '../src/logger.ts';
import { ingestContent } from '../src/pipeline/ingest.ts';
import { describeWithShared, repoRoot, sharedPath } from './support/shared.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mowjaz-app-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm start -- --once …` as a child process, with only the environment given (no tokens leak in). */
function runMain(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// A child process pays for starting Node and transpiling on a busy machine: allow it time.
describe('npm start -- --once (child process)', { timeout: 60_000 }, () => {
  const dataDir = join(tempDir(), 'data');

  it('given a fresh data folder then it creates the SQLite file, ingests the sample content and answers', async () => {
    const run = await runMain(['--once', '/topics'], { MOWJAZ_DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('• Iraq–US relations (iraq-us-relations)');
    expect(existsSync(join(dataDir, 'mowjaz.sqlite'))).toBe(true);
  });

  it('given a second start then nothing new is ingested; a refused command exits 1 with its message', async () => {
    const run = await runMain(['--once', '/news iraq-us-relations 11'], { MOWJAZ_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('count must be between 1 and 10 (got 11).');
    const ingest = lines.slice(0, -1).map((line) => JSON.parse(line)).find((record) => record.event === 'startup_ingest');
    expect(ingest).toMatchObject({ inserted: 0, offered: ingest.skipped });
  });

  it('given SIGTERM while serving then it stops gracefully: scheduler, adapters, senders, store; exit 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir(), MOWJAZ_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('mowjaz> ')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const events = stderr.trim().split('\n').map((line) => JSON.parse(line).event);
    expect(events).toEqual(expect.arrayContaining(['startup', 'shutdown_requested', 'shutdown']));
    expect(events.indexOf('shutdown')).toBeGreaterThan(events.indexOf('shutdown_requested'));
  });
});

describe('main (in process)', () => {
  async function runInProcess(argv: string[], env: Record<string, string> = {}): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const sink = (append: (text: string) => void) => Object.assign(new PassThrough(), { write: (chunk: string) => (append(chunk), true) });
    const code = await main({
      argv,
      env,
      stdin: new PassThrough(),
      stdout: sink((text) => (stdout += text)),
      stderr: sink((text) => (stderr += text)),
      onSignal: () => undefined,
    });
    return { code, stdout, stderr };
  }

  it('given a wrong setting then it exits 78 with one line naming the variable', async () => {
    const run = await runInProcess(['--once', '/topics'], { MOWJAZ_DEFAULT_TIMEZONE: 'Mars/Phobos' });
    expect(run).toEqual({
      code: 78,
      stdout: '',
      stderr: 'mowjaz: configuration error: MOWJAZ_DEFAULT_TIMEZONE: "Mars/Phobos" is not an IANA timezone name (e.g. Asia/Baghdad, Europe/London, UTC)\n',
    });
  });

  it('given an unknown flag then it prints the usage and exits 2; --help exits 0', async () => {
    const bad = await runInProcess(['--twice']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm start');
    expect((await runInProcess(['--help'])).code).toBe(0);
  });
});

describe('start-up', () => {
  it('runs the console when no platform token is set, and each configured platform otherwise', () => {
    expect(platformsFor(loadConfig({}))).toEqual(['console']);
    expect(platformsFor(loadConfig({ TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }))).toEqual(['telegram']);
  });

  it('given a token for a platform this build has no adapter for then it refuses to start, and says why', async () => {
    const config = loadConfig({ MOWJAZ_DATA_DIR: join(tempDir(), 'data'), TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, { cwd: repoRoot });
    const start = startApp(config, silentLogger(), { console: { input: new PassThrough(), output: new PassThrough() }, factories: {} });
    await expect(start).rejects.toThrow(new StartupError('telegram is configured (token set) but this build has no telegram adapter'));
  });

  it('given a content folder without topics then it stops with a clear message', async () => {
    const config = loadConfig({ MOWJAZ_DATA_DIR: join(tempDir(), 'data'), MOWJAZ_CONTENT_DIR: tempDir() });
    await expect(openCore(config, silentLogger())).rejects.toThrow(/^no topics folder at .+topics \(set MOWJAZ_CONTENT_DIR/);
  });
});

describeWithShared('news-sample', 'a scheduled digest on the console', () => {
  it('given a digest due while the bot was down then it is printed once on start-up, and the store is closed on stop', async () => {
    const dataDir = join(tempDir(), 'data');
    const config = loadConfig({ MOWJAZ_DATA_DIR: dataDir, MOWJAZ_DEFAULT_TIMEZONE: 'Asia/Baghdad' }, { cwd: repoRoot });
    // Sunday 29 Nov 2026: subscribe at 07:00 UTC (10:00 Baghdad), news arrives at 07:30.
    let now = new Date('2026-11-29T07:00:00.000Z');
    const clock = { now: () => now };
    const core = await openCore(config, silentLogger(), clock);
    const consoleChat = { platform: 'console' as const, chat: { platform: 'console' as const, chatId: 'local', kind: 'console' as const, title: null, guildId: null }, user: { id: 'local', displayName: 'console', locale: null, isAdmin: true } };
    await core.router.handleText(consoleChat, '/subscribe iraq-us-relations 10:30');
    now = new Date('2026-11-29T07:15:00.000Z');
    await ingestContent({ store: core.store, topics: core.topics.compiled, clock, logger: silentLogger() }, [sharedPath('news-sample', 'articles', 'SkyNews', 'SK-middleEast-155-20180301.txt')]);
    await core.close();

    // The bot comes back at 07:40 UTC, ten minutes after the 10:30 Baghdad digest was due.
    const started = Date.now();
    const since = new Date('2026-11-29T07:40:00.000Z').getTime();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const logs: string[] = [];
    const app = await startApp(config, createLogger({ level: 'info', destination: { write: (line) => void logs.push(line) } }), {
      clock: { now: () => new Date(since + (Date.now() - started)) },
      console: { input: new PassThrough(), output, terminal: false },
    });
    for (let i = 0; i < 300 && !printed.includes('── digest for local ──'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await app.stop();

    const digest = printed.slice(printed.indexOf('── digest for local ──'));
    expect(digest).toContain('البرلمان العراقي');
    expect(printed.split('── digest for local ──')).toHaveLength(2);
    expect(logs.map((line) => JSON.parse(line).event)).toEqual(expect.arrayContaining(['startup', 'digest.tick', 'shutdown']));

    // Stopped cleanly: the file opens again and the run is recorded as sent, so a restart sends nothing.
    const again = await openCore(config, silentLogger(), clock);
    const [sub] = await again.store.listSubscriptions({ platform: 'console', chatId: 'local' });
    expect(await again.store.listDigestRuns(sub!.id)).toHaveLength(1);
    expect(await again.store.countOutbox('pending')).toBe(0);
    await again.close();
  });
});
