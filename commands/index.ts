/**
 * Every command the bot answers, listed explicitly (no folder scanning): registration on each
 * platform, dispatch and `/help` all read this one list, in this order.
 */
import type { Command } from '../src/commands/define-command.ts';
import { digestCommand } from './digest.ts';
import { helpCommand } from './help.ts';
import { newsCommand } from './news.ts';
import { settingsCommand } from './settings.ts';
import { sourcesCommand } from './sources.ts';
import { subscribeCommand } from './subscribe.ts';
import { subscriptionsCommand } from './subscriptions.ts';
import { topicsCommand } from './topics.ts';
import { unsubscribeCommand } from './unsubscribe.ts';
import { whyCommand } from './why.ts';

export const COMMANDS: readonly Command[] = [
  newsCommand,
  topicsCommand,
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
  digestCommand,
  whyCommand,
  settingsCommand,
  sourcesCommand,
  helpCommand,
];
