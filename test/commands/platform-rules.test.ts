import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/commands/define-command.ts';
import { discordProblems, telegramProblems } from '../../src/commands/platform-rules.ts';
import { textReply } from '../../src/commands/reply.ts';

const run = async () => textReply('ok');
const describeBoth = (text: string) => ({ en: text, ar: text });

describe('platform rules', () => {
  it('given names Discord or Telegram refuse then each is reported', () => {
    const bad = defineCommand({ name: 'News Now', aliases: ['Start'], description: describeBoth('x'), options: z.object({}), optionMeta: {}, permission: 'anyone', run });
    expect(discordProblems([bad])).toEqual(['/News Now: "News Now" is not a valid Discord name']);
    expect(telegramProblems([bad])).toEqual(['/News Now: not a valid Telegram command name', '/Start: not a valid Telegram command name']);
  });

  it('given an Arabic description over 100 characters then Discord refuses it but Telegram (256) accepts it', () => {
    const long = defineCommand({ name: 'long', description: { en: 'fine', ar: 'خ'.repeat(101) }, options: z.object({}), optionMeta: {}, permission: 'anyone', run });
    expect(discordProblems([long])).toEqual(['/long: ar description is 101 characters (1–100)']);
    expect(telegramProblems([long])).toEqual([]);
  });

  it('given a required option after an optional one then Discord ordering is reported', () => {
    const misordered = defineCommand({
      name: 'misordered',
      description: describeBoth('x'),
      options: z.object({ first: z.string().optional(), second: z.string() }),
      optionMeta: { first: { kind: 'string', position: 0, description: describeBoth('a') }, second: { kind: 'string', position: 1, description: describeBoth('b') } },
      permission: 'anyone',
      run,
    });
    expect(discordProblems([misordered])).toEqual(['/misordered second: required option after an optional one']);
  });

  it('given 26 choices then Discord refuses the option', () => {
    const values = Array.from({ length: 26 }, (_, i) => `v${i}`);
    const many = defineCommand({
      name: 'many',
      description: describeBoth('x'),
      options: z.object({ pick: z.string().optional() }),
      optionMeta: { pick: { kind: 'string', position: 0, description: describeBoth('a'), choices: values.map((value) => ({ value, name: describeBoth(value) })) } },
      permission: 'anyone',
      run,
    });
    expect(discordProblems([many])).toEqual(['/many pick: 26 choices (at most 25)']);
  });

  it('given the same name twice then both platforms report it', () => {
    const one = defineCommand({ name: 'dup', description: describeBoth('x'), options: z.object({}), optionMeta: {}, permission: 'anyone', run });
    expect(discordProblems([one, one])).toEqual(['/dup: defined twice']);
    expect(telegramProblems([one, one])).toEqual(['/dup: name used twice']);
  });
});

describe('defineCommand', () => {
  it('derives required from the schema and orders options by position', () => {
    const command = defineCommand({
      name: 'derive',
      description: describeBoth('x'),
      options: z.object({ later: z.number().int().default(1), first: z.string() }),
      optionMeta: { later: { kind: 'integer', position: 1, description: describeBoth('b') }, first: { kind: 'string', position: 0, description: describeBoth('a') } },
      permission: 'anyone',
      run,
    });
    expect(command.options.map((option) => [option.name, option.required])).toEqual([['first', true], ['later', false]]);
    expect(command.usage).toBe('/derive <first> [later]');
  });

  it('given a schema option without metadata then definition fails at once', () => {
    expect(() =>
      defineCommand({
        name: 'incomplete',
        description: describeBoth('x'),
        options: z.object({ a: z.string() }),
        // Deliberately incomplete to prove the runtime check; the type system would refuse it too.
        optionMeta: {} as never,
        permission: 'anyone',
        run,
      }),
    ).toThrow('option a has no metadata');
  });
});
