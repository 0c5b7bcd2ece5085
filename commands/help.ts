import { z } from 'zod';
import { translate } from '../src/i18n/index.ts';
import type { CommandContext, CommandSummary } from '../src/commands/context.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { textReply } from '../src/commands/reply.ts';
import { UserError } from '../src/commands/user-error.ts';

function commandLine(ctx: CommandContext, command: CommandSummary): string {
  const admin = command.permission === 'admin' ? ` ${translate(ctx.language, 'help.admin_marker')}` : '';
  return translate(ctx.language, 'help.line', { usage: command.usage, description: command.description[ctx.language] }) + admin;
}

function commandDetail(ctx: CommandContext, command: CommandSummary): string {
  const lines = [command.usage, command.description[ctx.language]];
  for (const option of command.options) {
    lines.push(
      translate(ctx.language, option.required ? 'help.option_required' : 'help.option', { name: option.name, description: option.description[ctx.language] }),
    );
  }
  if (command.permission === 'admin') lines.push(translate(ctx.language, 'help.admin_only'));
  return lines.join('\n');
}

/** `/start` is where Telegram users land first; it answers with the same overview. */
export const helpCommand = defineCommand({
  name: 'help',
  aliases: ['start'],
  description: { en: 'What this bot can do, command by command', ar: 'ما يستطيعه هذا البوت، أمرًا بأمر' },
  options: z.object({ command: z.string().trim().min(1).max(40).optional() }),
  optionMeta: {
    command: {
      kind: 'string',
      position: 0,
      label: { en: 'command', ar: 'الأمر' },
      description: { en: 'A command to explain in detail', ar: 'أمر لشرحه بالتفصيل' },
    },
  },
  permission: 'anyone',
  async run(ctx, args) {
    if (args.command !== undefined) {
      const wanted = args.command.replace(/^\//, '').toLowerCase();
      const command = ctx.commands.find((candidate) => candidate.name === wanted);
      if (!command) throw new UserError('unknown_command', { name: wanted });
      return textReply(commandDetail(ctx, command), { ephemeral: true });
    }
    const lines = [translate(ctx.language, 'help.welcome'), '', translate(ctx.language, 'help.header'), ...ctx.commands.map((command) => commandLine(ctx, command))];
    lines.push('', translate(ctx.language, 'help.footer'));
    return textReply(lines.join('\n'), { ephemeral: true });
  },
});
