/**
 * The console adapter: the bot in a terminal, with no platform account. Commands typed at the
 * `mowjaz> ` prompt go through the same router as on Discord and Telegram (the chat is
 * `console:local` and its user is the chat's admin); scheduled digests print where the prompt is.
 */
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Router, RouteResult } from '../../commands/router.ts';
import type { CommandChat, CommandUser } from '../../commands/context.ts';
import type { PlatformSender } from '../../delivery/platform-sender.ts';
import type { Adapter, AdapterRuntime } from '../adapter.ts';
import { consoleBodyText, renderReplyText } from './render-reply.ts';

export const CONSOLE_CHAT: CommandChat = { platform: 'console', chatId: 'local', kind: 'console', title: 'console', guildId: null };

export const PROMPT = 'mowjaz> ';
const EXIT_WORDS = new Set(['exit', 'quit', '/exit', '/quit']);

export interface ConsoleStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Whether output is a terminal (prompt redrawing); defaults to the stream's own flag. */
  terminal?: boolean;
}

export function consoleUser(locale: string | null): CommandUser {
  return { id: 'local', displayName: 'console', locale, isAdmin: true };
}

/** Bare words are commands too at the console: `news iraq-us-relations` = `/news iraq-us-relations`. */
export function asCommandLine(line: string): string {
  const trimmed = line.trim();
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

export async function runConsoleLine(router: Router, line: string, locale: string | null = null): Promise<RouteResult> {
  return router.handleText({ platform: 'console', chat: CONSOLE_CHAT, user: consoleUser(locale) }, asCommandLine(line));
}

/** Exit status of a one-shot command: 0 ran, 1 refused (bad input or rights), 70 internal fault. */
export function exitCodeOf(result: RouteResult): number {
  return result.outcome === 'ok' ? 0 : result.outcome === 'rejected' ? 1 : 70;
}

export class ConsoleAdapter implements Adapter {
  readonly platform = 'console' as const;
  readonly sender: PlatformSender;
  readonly #runtime: AdapterRuntime;
  readonly #streams: ConsoleStreams;
  readonly #terminal: boolean;
  #readline: Interface | null = null;
  /** Commands run one at a time, in the order typed, so answers never interleave. */
  #queue: Promise<void> = Promise.resolve();
  #closing = false;

  constructor(runtime: AdapterRuntime, streams: ConsoleStreams) {
    this.#runtime = runtime;
    this.#streams = streams;
    this.#terminal = streams.terminal ?? Boolean((streams.output as { isTTY?: boolean }).isTTY);
    this.sender = {
      platform: 'console',
      send: async (targetId, body) => {
        this.#print(`\n── digest for ${targetId} ──\n${consoleBodyText(body).trimEnd()}\n`);
        return {};
      },
    };
  }

  async start(): Promise<void> {
    const readline = createInterface({ input: this.#streams.input, output: this.#streams.output, terminal: this.#terminal, prompt: PROMPT });
    this.#readline = readline;
    readline.on('line', (line) => {
      this.#queue = this.#queue.then(() => this.#handle(line));
    });
    // Ctrl-C at the prompt arrives here, not as a process signal, while readline owns the terminal.
    readline.on('SIGINT', () => {
      this.#closing = true;
      this.#runtime.requestShutdown('interrupted at the console');
    });
    readline.on('close', () => {
      if (this.#closing) return;
      this.#closing = true;
      // End of input (Ctrl-D, a closed pipe): finish what was typed, then shut down.
      void this.#queue.then(() => this.#runtime.requestShutdown('console input closed'));
    });
    this.#streams.output.write('Type /help for commands, exit to quit.\n');
    readline.prompt();
  }

  async stop(): Promise<void> {
    this.#closing = true;
    await this.#queue;
    this.#readline?.close();
    this.#readline = null;
  }

  async #handle(line: string): Promise<void> {
    const trimmed = line.trim();
    if (trimmed === '') {
      this.#readline?.prompt();
      return;
    }
    if (EXIT_WORDS.has(trimmed.toLowerCase())) {
      this.#closing = true;
      this.#runtime.requestShutdown('exit typed at the console');
      return;
    }
    try {
      const result = await runConsoleLine(this.#runtime.router, trimmed);
      this.#streams.output.write(renderReplyText(result.reply));
    } catch (error) {
      // The router answers every command itself; reaching here means the console's own output failed.
      this.#runtime.logger.error({ event: 'console_failed', err: error }, 'console command failed');
    }
    if (!this.#closing) this.#readline?.prompt();
  }

  /** Prints between prompts: a digest arriving while the user types does not garble the line. */
  #print(text: string): void {
    if (this.#terminal && this.#readline && !this.#closing) {
      clearLine(this.#streams.output, 0);
      cursorTo(this.#streams.output, 0);
      this.#streams.output.write(text);
      this.#readline.prompt(true);
      return;
    }
    this.#streams.output.write(text);
  }
}
