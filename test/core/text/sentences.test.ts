import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitSentences } from '../../../src/core/text/sentences.ts';

describe('splitSentences: Arabic', () => {
  it.each([
    ['full stop, question mark and exclamation mark', 'وصل الوفد. هل بدأت المحادثات؟ نعم!', ['وصل الوفد.', 'هل بدأت المحادثات؟', 'نعم!']],
    ['Arabic semicolon, ellipsis and Arabic full stop', 'انتهى الاجتماع؛ ثم غادروا… وعادوا مساء۔ انتهى', ['انتهى الاجتماع؛', 'ثم غادروا…', 'وعادوا مساء۔', 'انتهى']],
    ['"70 ألف" and a year stay intact', 'غادر 70 ألف جندي عام 2019. وبقي 2500 فقط.', ['غادر 70 ألف جندي عام 2019.', 'وبقي 2500 فقط.']],
    ['a decimal is not a sentence end', 'ارتفع المؤشر 3.5 بالمئة. وتراجع النفط.', ['ارتفع المؤشر 3.5 بالمئة.', 'وتراجع النفط.']],
    ['د. before a name is a title', 'قال د. محمد علي إن الاتفاق مهم. وأضاف أنه سيوقع.', ['قال د. محمد علي إن الاتفاق مهم.', 'وأضاف أنه سيوقع.']],
    ['م. before a name is a title', 'افتتح م. أحمد المشروع. وحضر الوزير.', ['افتتح م. أحمد المشروع.', 'وحضر الوزير.']],
    ['ص. before a page number', 'انظر ص. 45 من التقرير. والنتائج واضحة.', ['انظر ص. 45 من التقرير.', 'والنتائج واضحة.']],
    ['م. after a year ends the sentence', 'توفي عام 1827 م. اتسعت شهرته بعد وفاته.', ['توفي عام 1827 م.', 'اتسعت شهرته بعد وفاته.']],
    ['م. after a year continues before في', 'ولد عام 1770 م. في مدينة بون.', ['ولد عام 1770 م. في مدينة بون.']],
    ['guillemets are kept whole with their sentence', 'قال الوزير: «العلاقات جيدة. ونعمل على تطويرها». ثم غادر.', ['قال الوزير: «العلاقات جيدة. ونعمل على تطويرها».', 'ثم غادر.']],
    ['a closing quotation mark stays with the question', 'سأل: «هل ستأتي؟» فلم يجب أحد.', ['سأل: «هل ستأتي؟»', 'فلم يجب أحد.']],
    ['a full stop without the following space', 'سيمفونيته التاسعة.فجاءت رسالته إلى العالم.', ['سيمفونيته التاسعة.', 'فجاءت رسالته إلى العالم.']],
    ['a full stop glued to the next sentence after a figure', 'حصل على الجائزة عام 1959.أتم دراسته.', ['حصل على الجائزة عام 1959.', 'أتم دراسته.']],
    ['a hard-wrapped newspaper line is joined with a space', 'طالب المصمم بتأسيس أسبوع عربي للموضة\nبمواصفات عالمية. ونفى الاحتكار.', ['طالب المصمم بتأسيس أسبوع عربي للموضة بمواصفات عالمية.', 'ونفى الاحتكار.']],
    ['a blank line ends a paragraph even without punctuation', 'عنوان فرعي\n\nبدأت المحادثات في بغداد.', ['عنوان فرعي', 'بدأت المحادثات في بغداد.']],
    ['interview turns on their own lines', ' * كيف كان عرضك؟\n ـ قدمت مجموعة من 40 قطعة\nلموسم الصيف.', ['* كيف كان عرضك؟', 'ـ قدمت مجموعة من 40 قطعة لموسم الصيف.']],
    ['Arabic-Indic digits with a decimal separator', 'بلغ النمو ٣٫٥ بالمئة. وهذا جيد.', ['بلغ النمو ٣٫٥ بالمئة.', 'وهذا جيد.']],
  ])('%s', (_name, input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });
});

describe('splitSentences: English', () => {
  it.each([
    ['simple sentences', 'Talks began. Did they end? Yes!', ['Talks began.', 'Did they end?', 'Yes!']],
    ['U.S. before a name continues', 'The U.S. Army left in 2011. It returned later.', ['The U.S. Army left in 2011.', 'It returned later.']],
    ['U.S. before a sentence starter ends', 'Troops went back to the U.S. The base closed.', ['Troops went back to the U.S.', 'The base closed.']],
    ['titles and initials', 'Dr. Smith met Mr. J. K. Rowling. They talked.', ['Dr. Smith met Mr. J. K. Rowling.', 'They talked.']],
    ['e.g. and a lowercase continuation', 'Some states, e.g. Iraq, agreed. Others did not.', ['Some states, e.g. Iraq, agreed.', 'Others did not.']],
    ['a.m. before a capitalised word ends', 'It opened at 9 a.m. The crowd came.', ['It opened at 9 a.m.', 'The crowd came.']],
    ['a.m. before a lowercase word continues', 'We meet at 9 a.m. tomorrow. Be early.', ['We meet at 9 a.m. tomorrow.', 'Be early.']],
    ['numbers and decimals', 'Oil rose 3.5 percent to $70.25 in 2019. Gas fell.', ['Oil rose 3.5 percent to $70.25 in 2019.', 'Gas fell.']],
    ['abbreviation before a number', 'See No. 5 on Jan. 12. Then read on.', ['See No. 5 on Jan. 12.', 'Then read on.']],
    ['quotation after the full stop', 'He said "yes." Then he left.', ['He said "yes."', 'Then he left.']],
    ['a quoted question followed by a lowercase attribution', '"Why?" he asked. Nobody answered.', ['"Why?" he asked.', 'Nobody answered.']],
    ['brackets kept with their sentence', 'The vote passed (narrowly.) Members left.', ['The vote passed (narrowly.)', 'Members left.']],
    ['numbered list items are not sentences of their own', '1. Talks resume\n2. Troops stay', ['1. Talks resume', '2. Troops stay']],
    ['an ellipsis before a capital', 'They waited... Nothing happened.', ['They waited...', 'Nothing happened.']],
    ['CRLF line ends inside a sentence', 'The talks\r\ncontinued. Then\r\nthey ended.', ['The talks continued.', 'Then they ended.']],
  ])('%s', (_name, input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });
});

describe('sentenceSpans', () => {
  it('gives offsets of verbatim slices and paragraph numbers', () => {
    const text = 'First one. Second one.\n\nThird one.';
    const spans = sentenceSpans(text);
    expect(spans.map((s) => [s.text, s.paragraph])).toEqual([
      ['First one.', 0],
      ['Second one.', 0],
      ['Third one.', 1],
    ]);
    for (const span of spans) expect(text.slice(span.start, span.end).trim()).toBe(span.text);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t\n ')).toEqual([]);
  });

  it('keeps stray punctuation with the sentence before it', () => {
    expect(splitSentences('انتهى الاجتماع. .')).toEqual(['انتهى الاجتماع. .']);
  });
});

/** Pieces that exercise every rule: scripts, digits, terminators, quotes, brackets, abbreviations, line breaks. */
const PIECES = [
  'قال', 'العراق', 'واشنطن', 'د.', 'م.', 'ص.', 'هـ.', '1770', '3.5', '٣٫٥', '70', 'ألف',
  'The', 'U.S.', 'Dr.', 'e.g.', 'a.m.', 'said', 'talks', 'No.', 'J.',
  '.', '..', '...', '…', '؟', '?', '!', '؛', '۔', '،', ',', ':', '-', 'ـ', '*',
  '"', '«', '»', '“', '”', '(', ')', '[', ']', "'", '’',
  ' ', ' ', ' ', '\n', '\n\n', '\r\n', '\t', '\u00A0', '\u200F',
];

function nonSpace(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('splitSentences properties', () => {
  it('never throws and loses no non-space character, for text built from tricky pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const sentences = splitSentences(text);
        expect(nonSpace(sentences.join(''))).toBe(nonSpace(text));
        for (const sentence of sentences) {
          expect(sentence).toBe(sentence.trim());
          expect(sentence.length).toBeGreaterThan(0);
          expect(sentence).not.toMatch(/\n/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and loses no non-space character, for arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(nonSpace(splitSentences(text).join(''))).toBe(nonSpace(text));
      }),
      { numRuns: 300 },
    );
  });
});
