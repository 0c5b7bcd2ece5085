/**
 * `npm start`: the bot. With no platform token it runs the embedded default: SQLite under
 * ./data, the sample content, and a console prompt. `--once "<command>"` runs one command at the
 * console and exits (status 0 when it ran, 1 when refused, 70 on a fault).
 *
 * SIGINT/SIGTERM (or `exit` at the prompt) stop gracefully: no new digests are scheduled, sends in
 * flight finish and are recorded, then the store is closed. A second signal exits at once.
 */
import { parseArgs } from 'node:util';
import { exitCodeOf, runConsoleLine } from './adapters/console/console-adapter.ts';
import { renderReplyText } from './adapters/console/render-reply.ts';
import { openCore, platformsFor, StartupError, startApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger, scrubSecrets, type Logger } from './logger.ts';

/** sysexits(3): EX_CONFIG for a bad environment, EX_SOFTWARE for a fault. */
export const EXIT_CONFIG = 78;
export const EXIT_FAULT = 70;
const FORCED_EXIT_AFTER_MS = 10_000;

const USAGE = `usage: npm start [-- --once "<command>"]
  (no options)         run the bot; with no platform token, a console prompt
  --once "<command>"   run one command at the console, print the answer and exit
  --help               this text
Configuration comes from the environment; see .env.example.\n`;

export interface MainIo {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Resolves when the process is told to stop (SIGINT, SIGTERM). */
  onSignal(handler: (signal: string) => void): void;
}

function logLevelFor(config: Config, interactive: boolean): NonNullable<Config['logLevel']> {
  if (config.logLevel) return config.logLevel;
  // On the console, logs share the terminal with the prompt: only what needs attention.
  return interactive ? 'warn' : 'info';
}

export async function main(io: MainIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: io.argv, options: { once: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true });
  } catch (error) {
    io.stderr.write(`mowjaz: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.stdout.write(USAGE);
    return 0;
  }

  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`mowjaz: configuration error: ${error.message}\n`);
      return EXIT_CONFIG;
    }
    throw error;
  }

  const once = args.values.once;
  const consoleOnly = platformsFor(config).includes('console');
  const logger = createLogger({ level: logLevelFor(config, once !== undefined || consoleOnly), destination: { write: (line) => void io.stderr.write(line) } });
  try {
    return once !== undefined ? await runOnce(config, logger, once, io) : await serve(config, logger, io);
  } catch (error) {
    if (error instanceof StartupError) {
      io.stderr.write(`mowjaz: ${error.message}\n`);
      return 1;
    }
    logger.fatal({ event: 'fatal', err: error }, 'mowjaz stopped on an unexpected error');
    io.stderr.write(`mowjaz: unexpected error: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_FAULT;
  }
}

async function runOnce(config: Config, logger: Logger, line: string, io: MainIo): Promise<number> {
  const core = await openCore(config, logger);
  try {
    const result = await runConsoleLine(core.router, line);
    (result.outcome === 'ok' ? io.stdout : io.stderr).write(renderReplyText(result.reply));
    return exitCodeOf(result);
  } finally {
    await core.close();
  }
}

async function serve(config: Config, logger: Logger, io: MainIo): Promise<number> {
  // Listen before starting: a signal during start-up still stops the bot gracefully once it is up.
  const signalled = new Promise<string>((resolve) => {
    let count = 0;
    io.onSignal((signal) => {
      count += 1;
      if (count === 1) {
        resolve(signal);
        return;
      }
      logger.warn({ event: 'forced_exit', signal }, 'second signal: exiting without waiting');
      process.exit(EXIT_FAULT);
    });
  });
  const app = await startApp(config, logger, { console: { input: io.stdin, output: io.stdout } });
  const reason = await Promise.race([app.shutdownRequested, signalled]);
  logger.info({ event: 'shutdown_requested', reason }, 'stopping');
  await app.stop();
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && /src[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await main({
    argv: process.argv.slice(2),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    onSignal: (handler) => {
      process.on('SIGINT', () => handler('SIGINT'));
      process.on('SIGTERM', () => handler('SIGTERM'));
    },
  });
  // Everything was closed; a stray handle (a platform socket) must not keep a stopped bot alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), FORCED_EXIT_AFTER_MS).unref();
}
