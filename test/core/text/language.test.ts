import { describe, expect, it } from 'vitest';
import { ARABIC_SHARE_THRESHOLD, arabicShare, countLetters, detectLanguage } from '../../../src/core/text/language.ts';

describe('detectLanguage', () => {
  it.each([
    ['Arabic prose', 'العراق يطالب أمريكا بحوار استراتيجي', 'ar'],
    ['English prose', 'Iraq asks the United States for a strategic dialogue.', 'en'],
    ['Arabic with Latin names and an outlet tag', 'دبي، الإمارات العربية المتحدة (CNN)— قال مسؤول في البنتاغون إن S&P 500 ارتفع', 'ar'],
    ['English quoting a short Arabic phrase', 'The crowd chanted "الشعب يريد" outside the embassy in Baghdad on Friday evening.', 'en'],
    ['Arabic presentation forms', 'ﺍﻟﻌﺮﺍﻕ ﻳﻄﺎﻟﺐ', 'ar'],
    ['accented Latin', 'Élysée, Zürich et Ankara déclarent leur soutien', 'en'],
    ['digits and punctuation only (defaults to Arabic)', '2019 — 70 / 12:30', 'ar'],
    ['empty text (defaults to Arabic)', '', 'ar'],
  ] as const)('given %s, then %s', (_name, text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('given text exactly at the threshold, then it is Arabic; just below, English', () => {
    // 3 Arabic letters of 10 letters = 30 %.
    expect(detectLanguage('عرب abcdefg')).toBe('ar');
    expect(arabicShare('عرب abcdefg')).toBeCloseTo(ARABIC_SHARE_THRESHOLD);
    expect(detectLanguage('عر abcdefgh')).toBe('en');
  });

  it('counts letters per script and ignores digits, punctuation and invisible marks', () => {
    expect(countLetters('أميركا\u200B USA 2019 Ж!')).toEqual({ arabic: 6, latin: 3, other: 1 });
  });
});
