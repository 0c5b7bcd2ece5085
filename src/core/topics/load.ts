/**
 * Loading the topic files in `content/topics/`. Every `*.json` file is read and validated; a bad
 * file is reported with its name and the failing fields, and never hides the good ones: the
 * result carries the valid topics and the list of problems side by side, so the bot can start
 * with the topics that work while the operator sees exactly what to fix.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateTopic, type TopicDefinition, type TopicIssue } from './schema.ts';

export const defaultTopicsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'content', 'topics');

/** A topic file that could not be used, and why: one entry per failing field. */
export interface TopicFileError {
  file: string;
  issues: TopicIssue[];
}

export interface LoadedTopics {
  /** Valid topics, sorted by id. */
  topics: TopicDefinition[];
  errors: TopicFileError[];
}

/** One line per issue: `iran.json: groups.0.terms.2: prefix "عر*" is shorter than 3 letters`. */
export function formatTopicErrors(errors: readonly TopicFileError[]): string[] {
  return errors.flatMap((error) => error.issues.map((issue) => `${error.file}: ${issue.field}: ${issue.message}`));
}

export class TopicLoadError extends Error {
  constructor(readonly errors: readonly TopicFileError[]) {
    super(`invalid topic files:\n${formatTopicErrors(errors).join('\n')}`);
    this.name = 'TopicLoadError';
  }
}

/**
 * Reads every `*.json` topic in `dir` (by convention `<id>.json`). Unreadable or invalid files and
 * duplicate ids become errors; the first file (by name) to claim an id keeps it.
 * Throws only when the directory itself cannot be read.
 */
export async function loadTopics(dir: string = defaultTopicsDir): Promise<LoadedTopics> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const topics: TopicDefinition[] = [];
  const errors: TopicFileError[] = [];
  const owners = new Map<string, string>();

  for (const name of names) {
    const problem = (field: string, message: string) => errors.push({ file: name, issues: [{ field, message }] });
    let data: unknown;
    try {
      data = JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch (error) {
      problem('(file)', error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read: ${describe(error)}`);
      continue;
    }
    const result = validateTopic(data);
    if (!result.ok) {
      errors.push({ file: name, issues: result.issues });
      continue;
    }
    const topic = result.topic;
    const owner = owners.get(topic.id);
    if (owner) {
      problem('id', `duplicate id "${topic.id}", already defined by ${owner}`);
      continue;
    }
    owners.set(topic.id, name);
    topics.push(topic);
  }
  topics.sort((a, b) => a.id.localeCompare(b.id));
  return { topics, errors };
}

/** Like `loadTopics`, but any bad file is fatal: for start-up paths that must not run half-configured. */
export async function loadTopicsStrict(dir: string = defaultTopicsDir): Promise<TopicDefinition[]> {
  const { topics, errors } = await loadTopics(dir);
  if (errors.length > 0) throw new TopicLoadError(errors);
  return topics;
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
