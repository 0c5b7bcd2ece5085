import { describe, expect, it } from 'vitest';
import { foldDigits, matchTokens, normalizeForMatch, stripClitics, stripInvisible } from '../../../src/core/text/normalize.ts';

describe('normalizeForMatch', () => {
  it.each([
    ['spelling variants of "American" fold to two stable forms', 'الأمريكية', 'الامريكيه'],
    ['hamza on alef', 'الأميركية', 'الاميركيه'],
    ['alef madda and hamza below', 'آمال إيران', 'امال ايران'],
    ['alef maqsura to yaa', 'مستشفى', 'مستشفي'],
    ['taa marbuta to haa', 'الحكومة العراقية', 'الحكومه العراقيه'],
    ['hamza seats', 'رئيس مسؤول', 'رييس مسوول'],
    ['diacritics removed', 'العِرَاقُ', 'العراق'],
    ['tatweel removed', 'لـCNN بـ"واشنطن"', 'لcnn ب"واشنطن"'],
    ['Arabic-Indic digits', '٢٠١٩ و۷۰', '2019 و70'],
    ['zero-width space inside a word', 'العراق\u200Bية', 'العراقيه'],
    ['bidi embedding marks', '\u202Bأميركا\u202C', 'اميركا'],
    ['presentation forms', '\uFE8D\uFEDF\uFEE0\uFEEA', 'الله'],
    ['Latin case and accents', 'Café U.S. CNN', 'cafe u.s. cnn'],
    ['white space collapsed', ' a \u00A0 b\n c ', 'a b c'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeForMatch(input)).toBe(expected);
  });
});

describe('stripClitics', () => {
  it.each([
    ['والعراق', 'عراق'],
    ['العراق', 'عراق'],
    ['للعراق', 'عراق'],
    ['بالعراق', 'عراق'],
    ['فالعراق', 'عراق'],
    ['بغداد', 'بغداد'],
    ['وبغداد', 'بغداد'],
    ['ببغداد', 'بغداد'],
    ['واشنطن', 'واشنطن'],
    ['لواشنطن', 'واشنطن'],
    ['الله', 'الله'],
    ['وقالت', 'قالت'],
    ['بيان', 'بيان'],
    ['cnn', 'cnn'],
  ])('%s → %s', (input, expected) => {
    expect(stripClitics(normalizeForMatch(input))).toBe(expected);
  });
});

describe('matchTokens', () => {
  it('gives the same tokens for both spellings up to the variant letter order', () => {
    expect(matchTokens('والأميركية')).toEqual(['اميركيه']);
    expect(matchTokens('الأمريكية')).toEqual(['امريكيه']);
  });
  it('keeps numbers and Latin acronyms whole', () => {
    expect(matchTokens('أكثر من 70 ألف عنصر في U.S.')).toEqual(['اكثر', 'من', '70', 'الف', 'عنصر', 'في', 'u.s']);
  });
});

describe('helpers', () => {
  it('stripInvisible removes only invisible characters', () => {
    expect(stripInvisible('a\u200Bb\u200Fc\u2066d\u2069')).toBe('abcd');
  });
  it('foldDigits maps both Arabic digit blocks', () => {
    expect(foldDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });
});
