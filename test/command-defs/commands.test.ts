import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { discordProblems, telegramProblems } from '../../src/commands/platform-rules.ts';

describe('the command list', () => {
  it('holds the whole command set, each name once', () => {
    expect(COMMANDS.map((command) => command.name)).toEqual(['news', 'topics', 'subscribe', 'unsubscribe', 'subscriptions', 'digest', 'why', 'settings', 'sources', 'help']);
  });

  it('fits Discord rules: names, description lengths in both languages, option counts and order, choices', () => {
    expect(discordProblems(COMMANDS)).toEqual([]);
  });

  it('fits Telegram rules: command names (aliases included) and description lengths in both languages', () => {
    expect(telegramProblems(COMMANDS)).toEqual([]);
  });

  it('has Arabic descriptions written in Arabic for every command and option', () => {
    for (const command of COMMANDS) {
      expect(command.description.ar, command.name).toMatch(/[\u0600-\u06FF]/);
      for (const option of command.options) expect(option.description.ar, `${command.name} ${option.name}`).toMatch(/[\u0600-\u06FF]/);
    }
  });
});

describe.each(COMMANDS.map((command) => [command.name, command] as const))('/%s metadata agrees with its schema', (_name, command) => {
  it('positions are 0…n-1 without gaps, so text arguments have one order', () => {
    expect(command.options.map((option) => option.position)).toEqual(command.options.map((_, index) => index));
  });

  it('every declared choice is accepted by the schema', () => {
    for (const option of command.options) {
      for (const choice of option.choices ?? []) {
        expect(command.validate({ ...requiredValues(command), [option.name]: choice.value }).ok, `${option.name}=${choice.value}`).toBe(true);
      }
    }
  });

  it('integer bounds in the metadata are the schema bounds', () => {
    for (const option of command.options.filter((candidate) => candidate.kind === 'integer')) {
      expect(option.min, option.name).toBeDefined();
      expect(option.max, option.name).toBeDefined();
      const accepts = (value: number) => command.validate({ ...requiredValues(command), [option.name]: value }).ok;
      expect([accepts(option.min! - 1), accepts(option.min!), accepts(option.max!), accepts(option.max! + 1)]).toEqual([false, true, true, false]);
    }
  });

  it('an option is required exactly when leaving it out fails validation', () => {
    for (const option of command.options) {
      const values = requiredValues(command);
      delete values[option.name];
      expect(command.validate(values).ok, option.name).toBe(!option.required);
    }
  });
});

/** A valid value for each required option (they are all free text in this command set). */
function requiredValues(command: (typeof COMMANDS)[number]): Record<string, unknown> {
  return Object.fromEntries(command.options.filter((option) => option.required).map((option) => [option.name, 'iraq-us-relations']));
}
