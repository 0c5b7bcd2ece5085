/**
 * Slash-command registration JSON from the shared command definitions (`commands/`): the body
 * of Discord's bulk overwrite (`PUT /applications/:app/commands`, or the guild variant).
 *
 * English is the default. Discord's client has no Arabic locale, so Arabic names and descriptions
 * are not sent (see `DISCORD_ARABIC_LOCALE`); Arabic servers get Arabic replies through
 * `/settings language ar`. Admin commands declare Manage Server in `default_member_permissions`, so Discord
 * hides them from other members (server admins may change that in Integrations; the adapter
 * checks the permission again when the command runs). Global commands are usable in servers and
 * in the bot's DMs (`contexts`), where a subscription is a personal one.
 *
 * Commands that may take a while (`defer`) answer with briefings; on Discord they get one more
 * option, `private`, for an answer only the asker sees (briefings are public otherwise).
 */
import type { Command, CommandOption } from '../../commands/define-command.ts';
import { DISCORD_NAME } from '../../commands/platform-rules.ts';
import { en, type MessageKey } from '../../i18n/en.ts';
import { translate } from '../../i18n/index.ts';
import { ADMIN_COMMAND_PERMISSIONS, DIGEST_CHANNEL_TYPES } from './permissions.ts';

/** Application command option types (Interactions → Application Commands). */
export const OPTION_TYPE = { String: 3, Integer: 4, Boolean: 5, Channel: 7 } as const;
/** Interaction context types: a server, the bot's DM. */
export const CONTEXT = { Guild: 0, BotDm: 1 } as const;
export const INTEGRATION_TYPE = { GuildInstall: 0 } as const;
export const CHAT_INPUT = 1;

/** The Discord-only option on briefing commands; removed before the command is routed. */
export const PRIVATE_OPTION = 'private';

export type Localizations = Record<string, string>;

export interface CommandChoiceJson {
  name: string;
  name_localizations?: Localizations;
  value: string | number;
}

export interface CommandOptionJson {
  type: number;
  name: string;
  name_localizations?: Localizations;
  description: string;
  description_localizations?: Localizations;
  required?: boolean;
  choices?: CommandChoiceJson[];
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  channel_types?: number[];
}

export interface CommandJson {
  type: number;
  name: string;
  name_localizations?: Localizations;
  description: string;
  description_localizations?: Localizations;
  options?: CommandOptionJson[];
  /** Decimal permission bits, or null for everyone. */
  default_member_permissions: string | null;
  /** Global commands only: where the command may be used. */
  contexts?: number[];
  integration_types?: number[];
  /** Deprecated by `contexts`; sent as well for clients that still read it. */
  dm_permission?: boolean;
  nsfw?: boolean;
}

export type CommandScope = { kind: 'global' } | { kind: 'guild'; guildId: string };

const OPTION_TYPES: Record<CommandOption['kind'], number> = {
  string: OPTION_TYPE.String,
  integer: OPTION_TYPE.Integer,
  boolean: OPTION_TYPE.Boolean,
  channel: OPTION_TYPE.Channel,
};

/** A localized name as Discord accepts it: lower case, no spaces, within the name pattern. */
export function discordName(text: string): string | null {
  const name = text.trim().toLowerCase().replace(/\s+/g, '_');
  return DISCORD_NAME.test(name) ? name : null;
}

/**
 * The Discord locale Arabic localizations would go under. Discord's locale list (Reference →
 * Locales) has no Arabic, and a localization under a locale it does not know makes Discord refuse
 * the whole bulk overwrite (50035, "not a valid enum value"), so none is sent. The Arabic names
 * stay in the catalogue (`discord.command_name.*`); when Discord adds Arabic, set its code here.
 */
export const DISCORD_ARABIC_LOCALE: string | null = null;

function arabic(value: string | null, defaultValue: string): Localizations | undefined {
  if (DISCORD_ARABIC_LOCALE === null || value === null || value === defaultValue) return undefined;
  return { [DISCORD_ARABIC_LOCALE]: value };
}

/** The Arabic command name from the catalogue (`discord.command_name.<name>`), when there is one. */
export function arabicCommandName(name: string): string | null {
  const key = `discord.command_name.${name}`;
  if (!(key in en)) return null;
  return discordName(translate('ar', key as MessageKey));
}

function optionJson(option: CommandOption): CommandOptionJson {
  const json: CommandOptionJson = { type: OPTION_TYPES[option.kind], name: option.name, description: option.description.en };
  const nameAr = arabic(option.label ? discordName(option.label.ar) : null, option.name);
  if (nameAr) json.name_localizations = nameAr;
  const descriptionAr = arabic(option.description.ar, option.description.en);
  if (descriptionAr) json.description_localizations = descriptionAr;
  if (option.required) json.required = true;
  if (option.choices && option.choices.length > 0) {
    json.choices = option.choices.map((choice) => {
      const choiceAr = arabic(choice.name.ar, choice.name.en);
      return { name: choice.name.en, ...(choiceAr ? { name_localizations: choiceAr } : {}), value: choice.value };
    });
  } else if (option.autocomplete) {
    json.autocomplete = true;
  }
  if (option.kind === 'integer') {
    if (option.min !== undefined) json.min_value = option.min;
    if (option.max !== undefined) json.max_value = option.max;
  }
  if (option.kind === 'channel') json.channel_types = [...DIGEST_CHANNEL_TYPES];
  return json;
}

/** Whether registration gives this command the Discord-only `private` option. */
export function hasPrivateOption(command: Command): boolean {
  return command.defer && !command.options.some((option) => option.name === PRIVATE_OPTION);
}

function privateOptionJson(): CommandOptionJson {
  const json: CommandOptionJson = { type: OPTION_TYPE.Boolean, name: PRIVATE_OPTION, description: translate('en', 'discord.option.private') };
  const nameAr = arabic(discordName(translate('ar', 'discord.option_name.private')), PRIVATE_OPTION);
  if (nameAr) json.name_localizations = nameAr;
  const descriptionAr = arabic(translate('ar', 'discord.option.private'), json.description);
  if (descriptionAr) json.description_localizations = descriptionAr;
  return json;
}

export function commandJson(command: Command, scope: CommandScope): CommandJson {
  const json: CommandJson = {
    type: CHAT_INPUT,
    name: command.name,
    description: command.description.en,
    default_member_permissions: command.permission === 'admin' ? ADMIN_COMMAND_PERMISSIONS : null,
  };
  const nameAr = arabic(arabicCommandName(command.name), command.name);
  if (nameAr) json.name_localizations = nameAr;
  const descriptionAr = arabic(command.description.ar, command.description.en);
  if (descriptionAr) json.description_localizations = descriptionAr;
  const options = command.options.map(optionJson);
  if (hasPrivateOption(command)) options.push(privateOptionJson());
  if (options.length > 0) json.options = options;
  if (scope.kind === 'global') {
    json.contexts = [CONTEXT.Guild, CONTEXT.BotDm];
    json.integration_types = [INTEGRATION_TYPE.GuildInstall];
    json.dm_permission = true;
  }
  json.nsfw = false;
  return json;
}

export function commandsJson(commands: readonly Command[], scope: CommandScope): CommandJson[] {
  return commands.map((command) => commandJson(command, scope));
}
