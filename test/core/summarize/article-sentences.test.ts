import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleSentences, type ArticleSentence } from '../../../src/core/summarize/summarize.ts';
import { matchTokens } from '../../../src/core/text/normalize.ts';
import { sentenceSpans } from '../../../src/core/text/sentences.ts';
import { contentTermsOf } from '../../../src/core/text/stem.ts';
import { tokenizeArticle, topicTokens } from '../../../src/core/topics/article-tokens.ts';

/** The definition: every sentence tokenised from its own display text. */
function sentencesBySpec(paragraphs: readonly string[]): ArticleSentence[] {
  return paragraphs.flatMap((paragraph, p) =>
    sentenceSpans(paragraph).map((span, k) => {
      const tokens = matchTokens(span.text);
      const figures = tokens.filter((token) => /^[0-9]/u.test(token)).length;
      return { text: span.text, paragraph: p, inParagraph: k, words: tokens.length, terms: contentTermsOf(tokens), figures };
    }),
  );
}

/** Pieces that stress sentence and word edges: glued full stops, joiners, invisibles next to line breaks, quotes. */
const piece = fc.constantFrom(
  'العراق', 'والأميركية', 'إتش', '60', '٢٠١٩', 'U.S', 'Iraq', 'al', 'Dr', 'د', 'بيف', 'هوك',
  ' ', ' ', ' ', '\n', '\n\n', '.', '. ', '.', '-', "'", '’', '؟ ', '! ', '«', '»', '"', '\uFEFF', '\u200B', '\u00A0', '…', '1.', ' - ',
);
const paragraph = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('article words are read once and shared', () => {
  it('given any paragraphs, then each sentence has the words, figures and terms of its own text', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 4 }), (paragraphs) => {
        expect(articleSentences(paragraphs)).toEqual(sentencesBySpec(paragraphs));
      }),
      { numRuns: 1500 },
    );
  });

  it('given a full stop glued to the next word, then both sentences keep their words', () => {
    const paragraphs = ['والمروحية التي تحطمت هي من طراز إتش.إتش-60 بيف هوك.'];
    expect(articleSentences(paragraphs)).toEqual(sentencesBySpec(paragraphs));
    expect(articleSentences(paragraphs).map((s) => s.words)).toEqual([7, 3]);
  });

  it('given any paragraphs, then the topic tokens of each paragraph are those of its own text', () => {
    fc.assert(
      fc.property(paragraph, fc.array(paragraph, { maxLength: 4 }), (title, paragraphs) => {
        const tokens = tokenizeArticle({ title, paragraphs });
        expect(tokens.title.tokens).toEqual(topicTokens(title));
        expect(tokens.paragraphs.map((segment) => segment.tokens)).toEqual(paragraphs.map(topicTokens));
      }),
      { numRuns: 500 },
    );
  });

  it('given a paragraph list changed after it was read, then the new text is read', () => {
    const paragraphs = ['العراق يطالب أمريكا بحوار استراتيجي.', 'Iraq asks for talks.'];
    expect(tokenizeArticle({ title: '', paragraphs }).paragraphs[1]?.tokens).toEqual(['iraq', 'asks', 'for', 'talks']);
    paragraphs[1] = 'Baghdad waits.';
    expect(tokenizeArticle({ title: '', paragraphs }).paragraphs[1]?.tokens).toEqual(['baghdad', 'waits']);
    expect(articleSentences(paragraphs).map((s) => s.text)).toEqual(['العراق يطالب أمريكا بحوار استراتيجي.', 'Baghdad waits.']);
  });
});
