/** Articles, their topic matches and stories. */
import type { ArticleQuery, IngestArticle } from '../store.ts';
import type { ArticleTopicRecord, StoredArticle, StoryRecord } from '../records.ts';
import { chunked, type SqlContext } from './context.ts';
import { articleRow, articleTopicRecord, articleTopicRow, storedArticle, storyRecord } from './rows.ts';
import { chunksFor, inTransaction } from './transaction.ts';

export async function saveArticles(
  ctx: SqlContext,
  items: IngestArticle[],
  ingestedAt: string,
): Promise<{ inserted: string[]; skipped: string[] }> {
  if (items.length === 0) return { inserted: [], skipped: [] };
  return inTransaction(ctx.db, ctx.engine, async (trx) => {
    const articleRows = items.map((item) => articleRow(item.article, item.storyId, ingestedAt));
    const insertedIds = new Set<string>();
    for (const chunk of chunksFor(articleRows, 13)) {
      const rows = await trx
        .insertInto('articles')
        .values(chunk)
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of rows) insertedIds.add(row.id);
    }
    const inserted: string[] = [];
    const skipped: string[] = [];
    const topicRows = [];
    for (const [i, item] of items.entries()) {
      const row = articleRows[i]!;
      // A second copy of the same id in one batch is reported as skipped, like a copy stored earlier.
      if (insertedIds.delete(row.id)) {
        inserted.push(row.id);
        for (const topic of item.topics) topicRows.push(articleTopicRow(row, topic));
      } else {
        skipped.push(row.id);
      }
    }
    for (const chunk of chunksFor(topicRows, 6)) {
      await trx
        .insertInto('article_topics')
        .values(chunk)
        .onConflict((oc) => oc.columns(['article_id', 'topic_id']).doNothing())
        .execute();
    }
    return { inserted, skipped };
  });
}

export async function getArticle(ctx: SqlContext, id: string): Promise<StoredArticle | null> {
  const row = await ctx.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? storedArticle(row) : null;
}

/** Found articles in the order their ids were given. */
export async function getArticles(ctx: SqlContext, ids: string[]): Promise<StoredArticle[]> {
  const byId = new Map<string, StoredArticle>();
  for (const chunk of chunked([...new Set(ids)])) {
    const rows = await ctx.db.selectFrom('articles').selectAll().where('id', 'in', chunk).execute();
    for (const row of rows) byId.set(row.id, storedArticle(row));
  }
  return ids.flatMap((id) => {
    const article = byId.get(id);
    return article ? [article] : [];
  });
}

export async function listArticles(ctx: SqlContext, query: ArticleQuery): Promise<StoredArticle[]> {
  const matchedOnly = query.matchedOnly ?? true;
  const limit = query.limit === undefined ? undefined : Math.max(0, Math.floor(query.limit));
  if (query.topicId !== undefined && matchedOnly && query.ingestedAfter === undefined && query.ingestedUntil === undefined) {
    return newestMatches(ctx, query.topicId, limit);
  }
  let q = ctx.db.selectFrom('articles').selectAll('articles');
  if (query.topicId !== undefined) {
    const topicId = query.topicId;
    // Within an ingestion window (digests) the window's rows are read through
    // `articles_ingested_at_idx` and probed here; a window holds few articles of a large store.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_topics')
          .select('article_topics.article_id')
          .whereRef('article_topics.article_id', '=', 'articles.id')
          .where('article_topics.topic_id', '=', topicId)
          .$if(matchedOnly, (sq) => sq.where('article_topics.matched', '=', 1)),
      ),
    );
  }
  if (query.ingestedAfter !== undefined) q = q.where('articles.ingested_at', '>', query.ingestedAfter);
  if (query.ingestedUntil !== undefined) q = q.where('articles.ingested_at', '<=', query.ingestedUntil);
  q = q.orderBy('articles.sort_at', 'desc').orderBy('articles.id', 'asc');
  if (limit !== undefined) q = q.limit(limit);
  const rows = await q.execute();
  return rows.map(storedArticle);
}

/**
 * A topic's newest matched articles (`/news`): the first entries of one range of
 * `article_topics_recent_idx` (topic, matched, sort_at desc, article id). The matches' `sort_at` is
 * their article's, so order and ties are the articles' reading order, and a topic with few matches
 * costs as little as one with many (through the articles' recency index, every article was probed).
 */
async function newestMatches(ctx: SqlContext, topicId: string, limit: number | undefined): Promise<StoredArticle[]> {
  const rows = await ctx.db
    .selectFrom('article_topics')
    .innerJoin('articles', 'articles.id', 'article_topics.article_id')
    .selectAll('articles')
    .where('article_topics.topic_id', '=', topicId)
    .where('article_topics.matched', '=', 1)
    .orderBy('article_topics.sort_at', 'desc')
    .orderBy('article_topics.article_id', 'asc')
    .$if(limit !== undefined, (q) => q.limit(limit ?? 0))
    .execute();
  return rows.map(storedArticle);
}

export async function countArticles(ctx: SqlContext): Promise<number> {
  const row = await ctx.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasArticle(ctx: SqlContext, id: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function getArticleTopics(ctx: SqlContext, articleId: string): Promise<ArticleTopicRecord[]> {
  const rows = await ctx.db
    .selectFrom('article_topics')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('topic_id')
    .execute();
  return rows.map(articleTopicRecord);
}

export async function getTopicMatches(ctx: SqlContext, topicId: string, articleIds: string[]): Promise<ArticleTopicRecord[]> {
  const out: ArticleTopicRecord[] = [];
  for (const chunk of chunked([...new Set(articleIds)])) {
    const rows = await ctx.db
      .selectFrom('article_topics')
      .selectAll()
      .where('topic_id', '=', topicId)
      .where('article_id', 'in', chunk)
      .execute();
    out.push(...rows.map(articleTopicRecord));
  }
  const order = new Map(articleIds.map((id, i) => [id, i]));
  return out.sort((a, b) => (order.get(a.articleId) ?? 0) - (order.get(b.articleId) ?? 0));
}

export async function upsertStory(ctx: SqlContext, story: StoryRecord): Promise<void> {
  const row = {
    id: story.id,
    representative_article_id: story.representativeArticleId,
    first_seen: story.firstSeen,
    last_seen: story.lastSeen,
    article_count: story.articleCount,
  };
  await ctx.db
    .insertInto('stories')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        representative_article_id: row.representative_article_id,
        first_seen: row.first_seen,
        last_seen: row.last_seen,
        article_count: row.article_count,
      }),
    )
    .execute();
}

export async function getStory(ctx: SqlContext, id: string): Promise<StoryRecord | null> {
  const row = await ctx.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? storyRecord(row) : null;
}

export async function listStoryArticleIds(ctx: SqlContext, storyId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('articles')
    .select('id')
    .where('story_id', '=', storyId)
    .orderBy('sort_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => r.id);
}
