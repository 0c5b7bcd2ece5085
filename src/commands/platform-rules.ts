/**
 * The naming and size rules each platform enforces when commands are registered. Checked by a
 * test over every command, and usable by registration code to fail before calling an API.
 *
 * Discord: application command and option names match `^[-_\p{L}\p{N}]{1,32}$` and are lower
 * case; descriptions 1–100 characters; at most 25 options and 25 choices; required options
 * before optional ones. Telegram (`setMyCommands`): `^[a-z0-9_]{1,32}$`, descriptions 1–256.
 */
import type { Command } from './define-command.ts';
import type { Localized } from './context.ts';

export const DISCORD_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
export const DISCORD_DESCRIPTION_MAX = 100;
export const DISCORD_MAX_OPTIONS = 25;
export const DISCORD_MAX_CHOICES = 25;
export const TELEGRAM_COMMAND = /^[a-z0-9_]{1,32}$/;
export const TELEGRAM_DESCRIPTION_MAX = 256;

function lengthProblems(where: string, text: Localized, max: number): string[] {
  return (['en', 'ar'] as const)
    .filter((language) => text[language].length < 1 || text[language].length > max)
    .map((language) => `${where}: ${language} description is ${text[language].length} characters (1–${max})`);
}

function discordName(where: string, name: string): string[] {
  return DISCORD_NAME.test(name) && name === name.toLowerCase() ? [] : [`${where}: "${name}" is not a valid Discord name`];
}

export function discordProblems(commands: readonly Command[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const command of commands) {
    const where = `/${command.name}`;
    if (seen.has(command.name)) problems.push(`${where}: defined twice`);
    seen.add(command.name);
    problems.push(...discordName(where, command.name), ...lengthProblems(where, command.description, DISCORD_DESCRIPTION_MAX));
    if (command.options.length > DISCORD_MAX_OPTIONS) problems.push(`${where}: ${command.options.length} options (at most ${DISCORD_MAX_OPTIONS})`);
    let optionalSeen = false;
    const optionNames = new Set<string>();
    for (const option of command.options) {
      const at = `${where} ${option.name}`;
      if (optionNames.has(option.name)) problems.push(`${at}: option defined twice`);
      optionNames.add(option.name);
      problems.push(...discordName(at, option.name), ...lengthProblems(at, option.description, DISCORD_DESCRIPTION_MAX));
      if (option.required && optionalSeen) problems.push(`${at}: required option after an optional one`);
      optionalSeen ||= !option.required;
      const choices = option.choices ?? [];
      if (choices.length > DISCORD_MAX_CHOICES) problems.push(`${at}: ${choices.length} choices (at most ${DISCORD_MAX_CHOICES})`);
      if (choices.length > 0 && option.autocomplete) problems.push(`${at}: choices and autocomplete cannot be combined`);
      for (const choice of choices) {
        if (choice.value.length < 1 || choice.value.length > 100) problems.push(`${at}: choice value "${choice.value}" must be 1–100 characters`);
        problems.push(...lengthProblems(`${at} choice ${choice.value}`, choice.name, 100));
      }
      if (option.min !== undefined && option.max !== undefined && option.min > option.max) problems.push(`${at}: min above max`);
    }
  }
  return problems;
}

export function telegramProblems(commands: readonly Command[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const command of commands) {
    for (const name of [command.name, ...command.aliases]) {
      if (!TELEGRAM_COMMAND.test(name)) problems.push(`/${name}: not a valid Telegram command name`);
      if (seen.has(name)) problems.push(`/${name}: name used twice`);
      seen.add(name);
    }
    problems.push(...lengthProblems(`/${command.name}`, command.description, TELEGRAM_DESCRIPTION_MAX));
  }
  return problems;
}
