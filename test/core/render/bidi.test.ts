import { describe, expect, it } from 'vitest';
import { bidiLine, bidiPiece, dominantDirection, LRI, LRM, PDI, RLI, RLM, wrapForeignRuns } from '../../../src/core/render/bidi.ts';

const iso = (run: string) => `${LRI}${run}${PDI}`;

describe('dominantDirection', () => {
  it.each([
    ['العراق يطالب أمريكا', 'rtl'],
    ['Iraq asks the US', 'ltr'],
    ['CNN: قال مسؤول عراقي إن الحوار مستمر', 'rtl'],
    ['Baghdad (بغداد) talks', 'ltr'],
    ['2026 — 3.5%', null],
  ] as const)('given "%s", then it is %s', (text, expected) => {
    expect(dominantDirection(text)).toBe(expected);
  });
});

describe('wrapForeignRuns in a right-to-left line', () => {
  it.each([
    ['a Latin name before a comma and a number', 'زار Biden، 3 مدن', `زار ${iso('Biden')}، 3 مدن`],
    ['a multi-word name', 'قال Joe Biden إن', `قال ${iso('Joe Biden')} إن`],
    ['a hyphenated model', 'طائرات F-16 جديدة', `طائرات ${iso('F-16')} جديدة`],
    ['an outlet in brackets', 'دبي (CNN)— قال', `دبي (${iso('CNN')})— قال`],
    ['digits leading a Latin word', 'منظومة 400 S جديدة', `منظومة ${iso('400 S')} جديدة`],
    ['a plain number (left to the algorithm)', 'قتل 70 شخصا', 'قتل 70 شخصا'],
    ['a date with slashes', 'في 28/11/2026 قال', 'في 28/11/2026 قال'],
  ])('given %s, then only the Latin run is isolated', (_, text, expected) => {
    expect(wrapForeignRuns(text, 'rtl', 'isolates')).toBe(expected);
  });

  it('given a URL, then it is wrapped whole and never split by a mark', () => {
    expect(wrapForeignRuns('انظر https://e.com/a?b=1&c=2 اليوم', 'rtl', 'isolates')).toBe(`انظر ${iso('https://e.com/a?b=1&c=2')} اليوم`);
    expect(wrapForeignRuns('انظر https://e.com/a?b=1 اليوم', 'rtl', 'marks')).toBe(`انظر https://e.com/a?b=1${RLM} اليوم`);
    expect(dominantDirection('قال https://example.com/a-very-long-english-slug-here')).toBe('rtl');
  });

  it('given the marks style, then the run is followed by RLM so a following number stays right-to-left', () => {
    expect(wrapForeignRuns('زار Biden، 3 مدن', 'rtl', 'marks')).toBe(`زار Biden${RLM}، 3 مدن`);
  });

  it('given style none, then the text is unchanged', () => {
    expect(wrapForeignRuns('زار Biden، 3 مدن', 'rtl', 'none')).toBe('زار Biden، 3 مدن');
  });
});

describe('bidiPiece', () => {
  it('given an English sentence in an Arabic briefing, then the whole sentence with its full stop is isolated', () => {
    expect(bidiPiece('Iraq asks the U.S. for talks.', 'rtl', 'isolates')).toBe(`${LRI}Iraq asks the U.S. for talks.${PDI}`);
  });

  it('given an English sentence with the marks style, then LRM brackets it and RLM restores the line direction', () => {
    expect(bidiPiece('Reuters', 'rtl', 'marks')).toBe(`${LRM}Reuters${LRM}${RLM}`);
  });

  it('given an Arabic name inside an English briefing, then it is isolated right-to-left', () => {
    expect(bidiPiece('المدينة', 'ltr', 'isolates')).toBe(`${RLI}المدينة${PDI}`);
    expect(bidiPiece('Al-Madina reports from بغداد today', 'ltr', 'isolates')).toBe(`Al-Madina reports from ${RLI}بغداد${PDI} today`);
  });
});

describe('bidiLine', () => {
  it('given a right-to-left briefing, then every line starts with RLM, even one that starts with a Latin word', () => {
    expect(bidiLine('CNN: قال مسؤول', 'rtl', 'marks')).toBe(`${RLM}CNN: قال مسؤول`);
  });

  it('given a left-to-right briefing, then only lines containing right-to-left text get LRM', () => {
    expect(bidiLine('Sources: Reuters', 'ltr', 'isolates')).toBe('Sources: Reuters');
    expect(bidiLine('المدينة reports', 'ltr', 'isolates')).toBe(`${LRM}المدينة reports`);
  });
});
