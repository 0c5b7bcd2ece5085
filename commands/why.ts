import { z } from 'zod';
import type { MatchedTerm } from '../src/core/types.ts';
import { translate } from '../src/i18n/index.ts';
import type { CommandContext, TopicExplanation } from '../src/commands/context.ts';
import { defineCommand } from '../src/commands/define-command.ts';
import { joinList } from '../src/commands/format.ts';
import { requireTopic, topicName } from '../src/commands/lookup.ts';
import { textReply } from '../src/commands/reply.ts';
import { topicMeta, topicSchema } from '../src/commands/shared-options.ts';
import { UserError } from '../src/commands/user-error.ts';

/** Enough terms to explain a decision without burying it. */
const MAX_TERMS = 8;

function describeTerms(ctx: CommandContext, terms: readonly MatchedTerm[]): string {
  if (terms.length === 0) return translate(ctx.language, 'command.why.no_terms');
  const shown = [...terms].sort((a, b) => b.score - a.score).slice(0, MAX_TERMS);
  return joinList(
    shown.map((term) =>
      translate(ctx.language, term.inTitle ? 'command.why.term_in_title' : 'command.why.term', { term: term.term, group: term.group, count: term.count }),
    ),
    ctx.language,
  );
}

function explainMatch(ctx: CommandContext, match: TopicExplanation): string {
  const topic = topicName(ctx, match.topicId);
  const terms = describeTerms(ctx, match.terms);
  if (match.matched) return translate(ctx.language, 'command.why.matched', { topic, score: match.score, terms });
  const reasons: string[] = [];
  if (match.missingGroups.length > 0) reasons.push(translate(ctx.language, 'command.why.missing', { groups: joinList(match.missingGroups, ctx.language) }));
  if (match.weakGroups.length > 0) reasons.push(translate(ctx.language, 'command.why.weak', { groups: joinList(match.weakGroups, ctx.language) }));
  if (match.excludedBy.length > 0) reasons.push(translate(ctx.language, 'command.why.excluded', { terms: joinList(match.excludedBy, ctx.language) }));
  if (reasons.length === 0 && match.score < match.minScore) reasons.push(translate(ctx.language, 'command.why.below_score', { min: match.minScore }));
  if (reasons.length === 0 && match.cooccurrence < match.minCooccurrence) {
    reasons.push(translate(ctx.language, 'command.why.apart', { value: match.cooccurrence, min: match.minCooccurrence }));
  }
  return translate(ctx.language, 'command.why.not_matched', { topic, score: match.score, terms, reasons: reasons.join('; ') });
}

export const whyCommand = defineCommand({
  name: 'why',
  description: { en: 'Why an article or story matched a topic, or was left out', ar: 'لماذا طابق خبرٌ أو قصةٌ موضوعًا، أو لماذا استُبعد' },
  options: z.object({ id: z.string().trim().min(1).max(200), topic: topicSchema.optional() }),
  optionMeta: {
    id: {
      kind: 'string',
      position: 0,
      label: { en: 'id', ar: 'المعرّف' },
      description: { en: 'Article or story id', ar: 'معرّف الخبر أو القصة' },
    },
    topic: topicMeta(1, { en: 'Only this topic (all topics when left out)', ar: 'هذا الموضوع فقط (كل المواضيع إن تُرك فارغًا)' }),
  },
  permission: 'anyone',
  async run(ctx, args) {
    const only = args.topic === undefined ? null : requireTopic(ctx, args.topic).id;
    let article = await ctx.store.getArticle(args.id);
    const lines: string[] = [];
    if (!article) {
      const story = await ctx.store.getStory(args.id);
      if (story) {
        article = await ctx.store.getArticle(story.representativeArticleId);
        lines.push(translate(ctx.language, 'command.why.story', { id: story.id, count: story.articleCount }));
      }
    }
    if (!article) throw new UserError('unknown_item', { id: args.id });
    lines.unshift(translate(ctx.language, 'command.why.header', { title: article.title || article.id, source: article.sourceName }));
    const matches = ctx.services.explain(article).filter((match) => only === null || match.topicId === only);
    lines.push(...matches.map((match) => explainMatch(ctx, match)));
    return textReply(lines.join('\n'));
  },
});
