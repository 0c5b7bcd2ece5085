/**
 * The rules Discord applies to a bulk overwrite of application commands (Interactions →
 * Application Commands): names, descriptions, localizations, options, choices, permissions and
 * contexts. A body that breaks one is refused as a whole (400, code 50035).
 */
import type { FieldProblem } from './message-rules.ts';

/** Discord's name pattern; names with a lower-case form must use it. */
export const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * Locales accepted as localization keys: Discord's documented list (Reference → Locales). It has
 * no Arabic: a localization under `ar` is refused like any unknown locale.
 */
export const LOCALES = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs',
  'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);

const OPTION_TYPES = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

function nameProblems(path: string, value: unknown, add: (path: string, code: string, message: string) => void): void {
  if (typeof value !== 'string' || !COMMAND_NAME.test(value)) add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  else if (value !== value.toLowerCase()) add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name must be lower case');
}

function descriptionProblems(path: string, value: unknown, add: (path: string, code: string, message: string) => void): void {
  if (typeof value !== 'string' || value.length < 1 || value.length > 100) add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
}

function localizationProblems(path: string, value: unknown, check: (path: string, value: unknown) => void, add: (path: string, code: string, message: string) => void): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  for (const [locale, text] of Object.entries(value as Record<string, unknown>)) {
    if (!LOCALES.has(locale)) add(`${path}.${locale}`, 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`);
    else check(`${path}.${locale}`, text);
  }
}

export function commandProblems(body: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });
  if (!Array.isArray(body)) {
    add('', 'BASE_TYPE_LIST', 'Must be a list.');
    return problems;
  }
  if (body.length > 100) add('', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const names = new Set<string>();
  body.forEach((raw, index) => {
    const at = `${index}`;
    const command = (raw ?? {}) as Record<string, unknown>;
    const type = command['type'] ?? 1;
    if (type !== 1 && type !== 2 && type !== 3) add(`${at}.type`, 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3).');
    nameProblems(`${at}.name`, command['name'], add);
    if (typeof command['name'] === 'string') {
      if (names.has(command['name'])) add(`${at}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
      names.add(command['name']);
    }
    if (type === 1) descriptionProblems(`${at}.description`, command['description'], add);
    localizationProblems(`${at}.name_localizations`, command['name_localizations'], (path, value) => nameProblems(path, value, add), add);
    localizationProblems(`${at}.description_localizations`, command['description_localizations'], (path, value) => descriptionProblems(path, value, add), add);
    const permissions = command['default_member_permissions'];
    if (permissions !== undefined && permissions !== null && (typeof permissions !== 'string' || !/^\d+$/.test(permissions))) add(`${at}.default_member_permissions`, 'BASE_TYPE_BAD_INT', 'Must be a permission bit set as a string of digits.');
    for (const [field, allowed] of [['contexts', [0, 1, 2]], ['integration_types', [0, 1]]] as const) {
      const value = command[field];
      if (value !== undefined && value !== null && (!Array.isArray(value) || value.some((entry) => !(allowed as readonly number[]).includes(entry as number)))) add(`${at}.${field}`, 'BASE_TYPE_CHOICES', `Value must be one of (${allowed.join(', ')}).`);
    }
    if (command['dm_permission'] !== undefined && typeof command['dm_permission'] !== 'boolean') add(`${at}.dm_permission`, 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
    optionProblems(`${at}.options`, command['options'], add);
  });
  return problems;
}

function optionProblems(path: string, value: unknown, add: (path: string, code: string, message: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    add(path, 'BASE_TYPE_LIST', 'Must be a list.');
    return;
  }
  if (value.length > 25) add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const names = new Set<string>();
  const localized = new Set<string>();
  let optionalSeen = false;
  value.forEach((raw, index) => {
    const at = `${path}.${index}`;
    const option = (raw ?? {}) as Record<string, unknown>;
    const type = option['type'];
    if (!OPTION_TYPES.has(type as number)) add(`${at}.type`, 'BASE_TYPE_CHOICES', 'Value must be a valid option type.');
    nameProblems(`${at}.name`, option['name'], add);
    if (typeof option['name'] === 'string') {
      if (names.has(option['name'])) add(`${at}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(option['name']);
    }
    descriptionProblems(`${at}.description`, option['description'], add);
    localizationProblems(`${at}.name_localizations`, option['name_localizations'], (p, v) => nameProblems(p, v, add), add);
    localizationProblems(`${at}.description_localizations`, option['description_localizations'], (p, v) => descriptionProblems(p, v, add), add);
    for (const [locale, name] of Object.entries((option['name_localizations'] ?? {}) as Record<string, string>)) {
      if (localized.has(`${locale}:${name}`)) add(`${at}.name_localizations.${locale}`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Localized option names must be unique');
      localized.add(`${locale}:${name}`);
    }
    const required = option['required'] === true;
    if (required && optionalSeen) add(`${at}.required`, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    optionalSeen ||= !required;
    const choices = option['choices'];
    if (choices !== undefined) {
      if (!Array.isArray(choices) || choices.length > 25) add(`${at}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      if (option['autocomplete'] === true) add(`${at}.autocomplete`, 'APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_AND_CHOICES', 'Autocomplete cannot be set with choices');
      (Array.isArray(choices) ? choices : []).forEach((choice: Record<string, unknown>, c: number) => {
        if (typeof choice['name'] !== 'string' || choice['name'].length < 1 || choice['name'].length > 100) add(`${at}.choices.${c}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        const choiceValue = choice['value'];
        const valueOk = type === 3 ? typeof choiceValue === 'string' && choiceValue.length >= 1 && choiceValue.length <= 100 : typeof choiceValue === 'number';
        if (!valueOk) add(`${at}.choices.${c}.value`, 'BASE_TYPE_BAD_VALUE', 'Choice value does not match the option type.');
        localizationProblems(`${at}.choices.${c}.name_localizations`, choice['name_localizations'], (p, v) => {
          if (typeof v !== 'string' || v.length < 1 || v.length > 100) add(p, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        }, add);
      });
    }
    if ((option['min_value'] !== undefined || option['max_value'] !== undefined) && type !== 4 && type !== 10) add(`${at}.min_value`, 'APPLICATION_COMMAND_OPTION_INVALID', 'min_value and max_value are for integer and number options');
    if (option['channel_types'] !== undefined && type !== 7) add(`${at}.channel_types`, 'APPLICATION_COMMAND_OPTION_INVALID', 'channel_types is for channel options');
    if (option['autocomplete'] === true && type !== 3 && type !== 4 && type !== 10) add(`${at}.autocomplete`, 'APPLICATION_COMMAND_OPTION_INVALID', 'Autocomplete is for string, integer and number options');
  });
}
