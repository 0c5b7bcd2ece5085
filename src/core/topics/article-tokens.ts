/**
 * An article tokenised once for every topic: the headline and each paragraph become match tokens
 * (normalised, proclitics stripped). Topic patterns never span two paragraphs, so segments are kept
 * apart rather than concatenated.
 */
import { matchTokens } from '../text/normalize.ts';

export interface ArticleText {
  title: string;
  paragraphs: readonly string[];
}

export interface ArticleTokens {
  title: readonly string[];
  paragraphs: readonly (readonly string[])[];
}

/** English possessives: "Iraq's" and "Iraq’s" must match the term "Iraq". */
const POSSESSIVE = /['’]s$/;

/** Match tokens as topics compare them: `matchTokens` plus English possessives dropped. */
export function topicTokens(text: string): string[] {
  const tokens = matchTokens(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (POSSESSIVE.test(token)) tokens[i] = token.slice(0, -2);
  }
  return tokens;
}

export function tokenizeArticle(article: ArticleText): ArticleTokens {
  return {
    title: topicTokens(article.title),
    paragraphs: article.paragraphs.map((paragraph) => topicTokens(paragraph)),
  };
}
