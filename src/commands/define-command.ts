/**
 * One definition per command, used by every platform: the Discord slash-command payload, the
 * Telegram `/command args` parser, `/help` and the router all read the same object.
 *
 * Options are a zod object (the single source of truth for what is valid, including defaults and
 * whether an option is required) plus per-option metadata the platforms need and zod cannot
 * express: descriptions in both languages, the platform kind, choices, bounds, and the order of
 * positional arguments on text platforms.
 */
import { z } from 'zod';
import type { CommandContext, CommandSummary, Localized } from './context.ts';
import type { Reply } from './reply.ts';

export type OptionKind = 'string' | 'integer' | 'boolean' | 'channel';
export type Permission = 'anyone' | 'admin';

export interface OptionChoice {
  value: string;
  name: Localized;
}

export interface OptionMeta {
  description: Localized;
  /** Short name used in error messages ("count", "العدد"); defaults to the option name. */
  label?: Localized;
  kind: OptionKind;
  choices?: readonly OptionChoice[];
  /** Values come from a dynamic list the adapter offers while typing. */
  autocomplete?: 'topic' | 'timezone';
  /** Bounds of an integer option. */
  min?: number;
  max?: number;
  /** Order of positional arguments on text platforms (`/subscribe <topic> <time> …`), from 0. */
  position: number;
  /**
   * On text platforms a token of this shape is given to this option even when an earlier
   * positional option is still empty, so `/news 3` means count 3 rather than topic "3".
   */
  shape?: RegExp;
}

/** An option as platforms see it: its metadata plus facts derived from the schema. */
export interface CommandOption extends OptionMeta {
  name: string;
  required: boolean;
}

declare const validArgs: unique symbol;
/** Arguments that passed the command's schema; only `validate` produces them. */
export type ValidArgs = { readonly [validArgs]: true };

export type ValidationResult = { ok: true; args: ValidArgs } | { ok: false; issues: z.core.$ZodIssue[] };

export interface CommandDefinition<Shape extends z.ZodRawShape> {
  name: string;
  /** Other names that reach the same command (e.g. Telegram's `/start`). */
  aliases?: readonly string[];
  description: Localized;
  options: z.ZodObject<Shape>;
  optionMeta: { [K in keyof Shape & string]: OptionMeta };
  permission: Permission;
  /** The adapter acknowledges at once and edits the answer in later (slow commands). */
  defer?: boolean;
  run(ctx: CommandContext, args: z.output<z.ZodObject<Shape>>): Promise<Reply>;
}

export interface Command extends CommandSummary {
  aliases: readonly string[];
  defer: boolean;
  options: readonly CommandOption[];
  validate(values: Record<string, unknown>): ValidationResult;
  run(ctx: CommandContext, args: ValidArgs): Promise<Reply>;
}

export function defineCommand<Shape extends z.ZodRawShape>(definition: CommandDefinition<Shape>): Command {
  const schema = definition.options;
  const metaEntries = Object.entries(definition.optionMeta) as Array<[string, OptionMeta]>;
  const schemaKeys = Object.keys(schema.shape);
  for (const key of schemaKeys) {
    if (!(key in definition.optionMeta)) throw new Error(`command ${definition.name}: option ${key} has no metadata`);
  }
  const options: CommandOption[] = metaEntries
    .map(([name, meta]) => {
      const field = schema.shape[name] as z.ZodType | undefined;
      if (!field) throw new Error(`command ${definition.name}: metadata for unknown option ${name}`);
      // An option is required exactly when the schema refuses its absence.
      return { ...meta, name, required: !field.safeParse(undefined).success };
    })
    .sort((a, b) => a.position - b.position);

  return {
    name: definition.name,
    aliases: definition.aliases ?? [],
    description: definition.description,
    permission: definition.permission,
    defer: definition.defer ?? false,
    options,
    usage: usageOf(definition.name, options),
    validate(values) {
      const result = schema.safeParse(values);
      // The brand is a compile-time marker only; the parsed object is the runtime value.
      return result.success ? { ok: true, args: result.data as unknown as ValidArgs } : { ok: false, issues: result.error.issues };
    },
    run(ctx, args) {
      return definition.run(ctx, args as unknown as z.output<z.ZodObject<Shape>>);
    },
  };
}

function usageOf(name: string, options: readonly CommandOption[]): string {
  const parts = options.map((option) => (option.required ? `<${option.name}>` : `[${option.name}]`));
  return [`/${name}`, ...parts].join(' ');
}
