/**
 * The shape of a topic file (`content/topics/<id>.json`), validated by zod so that a typo in a
 * topic is reported with its file and field instead of silently matching nothing.
 *
 * A topic is groups of terms that must all fire (an Iraq group AND a US group), a score built
 * from weighted, position-aware term counts, and two kinds of rules that keep near misses out:
 * `ignore` phrases whose words never count as topic terms (أمريكا اللاتينية is not the United
 * States) and `exclusions` that veto a match unless the score shows a strong signal.
 * See docs/topics.md for the scoring and the rationale of each shipped rule.
 */
import { z } from 'zod';
import { parseTerm } from './term-pattern.ts';

/** Ids appear in Discord slash-command choices and Telegram `/command args`: short, lower-case, kebab-case. */
export const TOPIC_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TOPIC_ID_LENGTH = 32;
const GROUP_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** One line in `/topics`: long enough for a sentence, short enough for a chat list. */
export const MAX_DESCRIPTION_LENGTH = 200;
const MAX_NAME_LENGTH = 80;

const writtenTerm = z.string().superRefine((value, ctx) => {
  const parsed = parseTerm(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), 'must be a single line');

const bilingual = (max: number) => z.strictObject({ ar: oneLine(max), en: oneLine(max) });

const weightedTerm = z.strictObject({
  term: writtenTerm,
  /** Relative importance; 1 when absent. */
  weight: z.number().positive('must be greater than 0').max(10, 'must be at most 10').optional(),
});

export const termSchema = z.union([writtenTerm, weightedTerm], {
  error: 'must be a term string or { "term": string, "weight"?: number }',
});

export const groupSchema = z.strictObject({
  name: z.string().regex(GROUP_NAME_PATTERN, 'must be lower-case kebab-case, e.g. "iraq" or "us"'),
  terms: z.array(termSchema).min(1, 'must list at least one term'),
  /**
   * The group's own score must reach this, not just fire once: a group that is only mentioned
   * in passing (one word deep in the body) does not make the article about it. 0 when absent.
   */
  minScore: z.number().min(0).optional(),
});

const ruleTerms = z.array(writtenTerm).min(1, 'must list at least one term');
const why = z.string().trim().min(1, 'every rule says why it exists');

export const ignoreRuleSchema = z.strictObject({
  /** Phrases whose words never count as topic terms, e.g. "أمريكا اللاتينية". */
  terms: ruleTerms,
  why,
});

export const exclusionRuleSchema = z.strictObject({
  terms: ruleTerms,
  /**
   * The veto is lifted when the topic score reaches this: an article that is strongly about the
   * topic stays in even if it also mentions, say, a football match. Absent: always vetoes.
   */
  unlessScore: z.number().positive().optional(),
  why,
});

export const topicSchema = z
  .strictObject({
    id: z
      .string()
      .max(MAX_TOPIC_ID_LENGTH, `must be at most ${MAX_TOPIC_ID_LENGTH} characters`)
      .regex(TOPIC_ID_PATTERN, 'must be lower-case kebab-case (a-z, 0-9, single hyphens)'),
    name: bilingual(MAX_NAME_LENGTH),
    description: bilingual(MAX_DESCRIPTION_LENGTH),
    groups: z.array(groupSchema).min(1, 'must have at least one group'),
    /** Multiplier for a term found in the headline. */
    titleBoost: z.number().min(1, 'must be at least 1'),
    /** Multiplier for a term found in the first `leadParagraphs` paragraphs; 1 when absent. */
    leadBoost: z.number().min(1, 'must be at least 1').optional(),
    leadParagraphs: z.number().int().min(0).optional(),
    /** Total score an article needs, once every group has fired. */
    minScore: z.number().min(0),
    /**
     * How strongly the groups must appear together: over the headline and each paragraph where
     * every group fires, the sum of position weight × the weakest group's best term weight there.
     * Absent: groups may fire anywhere in the article.
     */
    minCooccurrence: z.number().min(0).optional(),
    ignore: z.array(ignoreRuleSchema).optional(),
    exclusions: z.array(exclusionRuleSchema).optional(),
    /** Names clitic stripping must leave whole (fed to `protectWords` before terms are compiled). */
    protect: z.array(z.string().trim().min(1)).optional(),
  })
  .superRefine((topic, ctx) => {
    const seen = new Set<string>();
    topic.groups.forEach((group, index) => {
      if (seen.has(group.name)) {
        ctx.addIssue({ code: 'custom', path: ['groups', index, 'name'], message: `duplicate group name "${group.name}"` });
      }
      seen.add(group.name);
    });
  });

export type TopicDefinition = z.infer<typeof topicSchema>;
export type TopicGroup = z.infer<typeof groupSchema>;
export type TopicTerm = z.infer<typeof termSchema>;

/** One problem in one topic file, named by the field's path (e.g. `groups.1.terms.3`). */
export interface TopicIssue {
  field: string;
  message: string;
}

export type TopicValidation = { ok: true; topic: TopicDefinition } | { ok: false; issues: TopicIssue[] };

export function validateTopic(data: unknown): TopicValidation {
  const result = topicSchema.safeParse(data);
  if (result.success) return { ok: true, topic: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(file)',
      message: issue.message,
    })),
  };
}
