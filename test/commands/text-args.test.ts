import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import type { Command } from '../../src/commands/define-command.ts';
import { assignTextArgs, parseCommandLine, tokenize } from '../../src/commands/text-args.ts';

function command(name: string): Command {
  const found = COMMANDS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

describe('parseCommandLine', () => {
  it.each([
    ['/news', { name: 'news', argText: '' }],
    ['/news iraq-us-relations 3', { name: 'news', argText: 'iraq-us-relations 3' }],
    ['/News@MowjazBot  iraq ', { name: 'news', argText: 'iraq' }],
    ['  /help subscribe', { name: 'help', argText: 'subscribe' }],
    ['/subscribe\niraq 08:00', { name: 'subscribe', argText: 'iraq 08:00' }],
  ])('given %j then it yields the name and the argument text', (text, expected) => {
    expect(parseCommandLine(text)).toEqual(expected);
  });

  it.each(['news', '', '/', 'hello /news', '//news'])('given %j (not a command) then it yields null', (text) => {
    expect(parseCommandLine(text)).toBeNull();
  });
});

describe('tokenize', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    ['"Iraq–US relations" 3', ['Iraq–US relations', '3']],
    ["'two words'", ['two words']],
    ['«العلاقات العراقية الأمريكية» 5', ['العلاقات العراقية الأمريكية', '5']],
    ['“curly quotes” x', ['curly quotes', 'x']],
    ['""', ['']],
    ['', []],
  ])('given %j then the tokens are %j', (text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  it('given an unclosed quote then it reports it (null)', () => {
    expect(tokenize('"never closed')).toBeNull();
  });
});

describe('assignTextArgs', () => {
  it.each([
    ['news', '', {}],
    ['news iraq-us-relations', 'iraq-us-relations', { topic: 'iraq-us-relations' }],
    ['news topic then count', 'iraq-us-relations 3', { topic: 'iraq-us-relations', count: 3 }],
    ['news count alone goes to count, not topic', '3', { count: 3 }],
    ['news Arabic-Indic digits', '٧', { count: 7 }],
    ['news count first', '3 iraq-us-relations', { count: 3, topic: 'iraq-us-relations' }],
    ['news named', 'count=4 topic=iraq-us-relations', { count: 4, topic: 'iraq-us-relations' }],
    ['news non-number left for the schema to refuse', 'iraq abc', { topic: 'iraq', count: 'abc' }],
    ['subscribe full', 'iraq-us-relations 08:00 Asia/Riyadh', { topic: 'iraq-us-relations', time: '08:00', timezone: 'Asia/Riyadh' }],
    ['subscribe impossible time still goes to time', 'iraq-us-relations 25:61', { topic: 'iraq-us-relations', time: '25:61' }],
    ['subscribe frequency by its choice', 'iraq-us-relations weekly', { topic: 'iraq-us-relations', frequency: 'weekly' }],
    ['subscribe Arabic choice names', 'iraq-us-relations أسبوعي الخميس', { topic: 'iraq-us-relations', frequency: 'weekly', day: 'thu' }],
    ['subscribe out of order', '18:30 iraq-us-relations Europe/London daily', { time: '18:30', topic: 'iraq-us-relations', timezone: 'Europe/London', frequency: 'daily' }],
    ['subscribe boolean', 'iraq-us-relations quiet_day=yes', { topic: 'iraq-us-relations', quiet_day: true }],
    ['settings language choice', 'ar', { language: 'ar' }],
    ['settings quiet hours by shape', '22:00-07:00 Asia/Baghdad', { quiet_hours: '22:00-07:00', timezone: 'Asia/Baghdad' }],
    ['why id', 'story-0123456789ab', { id: 'story-0123456789ab' }],
  ])('%s', (label, argText, expected) => {
    const name = label.split(' ')[0] ?? '';
    expect(assignTextArgs(command(name).options, argText)).toEqual({ ok: true, values: expected });
  });

  it.each([
    ['news', 'a 3 extra', { kind: 'too_many_arguments', token: 'extra' }],
    ['news', 'colour=red', { kind: 'unknown_option', name: 'colour' }],
    ['news', 'count=1 count=2', { kind: 'duplicate_option', name: 'count' }],
    ['news', '"open', { kind: 'unclosed_quote' }],
    ['topics', 'anything', { kind: 'too_many_arguments', token: 'anything' }],
  ])('/%s %s is refused: %j', (name, argText, problem) => {
    expect(assignTextArgs(command(name).options, argText)).toEqual({ ok: false, problem });
  });
});
