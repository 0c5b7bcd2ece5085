/**
 * Turning argument problems (from the text parser or the zod schema) into `UserError`s that name
 * the argument in the user's language: "count must be between 1 and 10", not a zod dump.
 */
import type { z } from 'zod';
import type { Language } from '../core/types.ts';
import { en } from '../i18n/en.ts';
import type { Command, CommandOption } from './define-command.ts';
import type { ArgProblem } from './text-args.ts';
import { UserError, type ErrorIdentifier } from './user-error.ts';

export function argLabel(option: CommandOption | undefined, name: string, language: Language): string {
  return option?.label?.[language] ?? name;
}

export function argProblemError(problem: ArgProblem, command: Command): UserError {
  switch (problem.kind) {
    case 'unclosed_quote':
      return new UserError('unclosed_quote');
    case 'unknown_option':
      return new UserError('unknown_option', { name: problem.name, usage: command.usage });
    case 'duplicate_option':
      return new UserError('duplicate_option', { name: problem.name });
    case 'too_many_arguments':
      return new UserError('too_many_arguments', { token: problem.token, usage: command.usage });
  }
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Schemas may use a catalogue key (`error.unknown_timezone`) as a refinement message. */
function catalogueIdentifier(message: string): ErrorIdentifier | null {
  return message.startsWith('error.') && message in en ? (message.slice('error.'.length) as ErrorIdentifier) : null;
}

/** The first schema issue, as a message for the user (one clear problem beats a list). */
export function validationError(issues: readonly z.core.$ZodIssue[], values: Readonly<Record<string, unknown>>, command: Command, language: Language): UserError {
  const issue = issues[0];
  if (!issue) return new UserError('arg_invalid', { arg: command.name, value: '' });
  const name = String(issue.path[0] ?? '');
  const option = command.options.find((candidate) => candidate.name === name);
  const arg = argLabel(option, name, language);
  // Zod leaves the offending input out of issues unless asked; the values given are at hand anyway.
  const given = values[name];
  const value = shown(given);
  switch (issue.code) {
    case 'invalid_type':
      if (given === undefined) return new UserError('arg_missing', { arg, usage: command.usage });
      if (issue.expected === 'number' || issue.expected === 'int') return new UserError('arg_not_integer', { arg, value });
      if (issue.expected === 'boolean') return new UserError('arg_not_boolean', { arg, value });
      return new UserError('arg_invalid', { arg, value });
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'string') {
        return issue.code === 'too_big' ? new UserError('arg_too_long', { arg, max: Number(issue.maximum) }) : new UserError('arg_missing', { arg, usage: command.usage });
      }
      const min = option?.min ?? (issue.code === 'too_small' ? Number(issue.minimum) : undefined);
      const max = option?.max ?? (issue.code === 'too_big' ? Number(issue.maximum) : undefined);
      if (min !== undefined && max !== undefined) return new UserError('arg_range', { arg, min, max, value });
      if (min !== undefined) return new UserError('arg_at_least', { arg, min, value });
      return new UserError('arg_at_most', { arg, max: max ?? '', value });
    }
    case 'invalid_value': {
      const choices = option?.choices?.map((choice) => choice.value) ?? issue.values.map(String);
      return new UserError('arg_choice', { arg, choices: choices.join(', '), value });
    }
    default: {
      const identifier = catalogueIdentifier(issue.message);
      return new UserError(identifier ?? 'arg_invalid', { arg, value });
    }
  }
}

