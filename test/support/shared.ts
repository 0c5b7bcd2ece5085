/**
 * Access to the reference corpora in `../shared/` (EASC, news-sample, feed-corpus, seed).
 * They are never copied into the repository; where the folder is absent the tests that need it
 * are skipped with a visible notice instead of failing or passing silently.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedRoot = process.env['MOWJAZ_SHARED_DIR'] ?? resolve(repoRoot, '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return join(sharedRoot, ...parts);
}

export function hasShared(subdir: string): boolean {
  return existsSync(sharedPath(subdir));
}

/** `describe` that runs only when `../shared/<subdir>` exists, and says so loudly otherwise. */
export function describeWithShared(subdir: string, name: string, body: () => void): void {
  if (hasShared(subdir)) {
    describe(name, body);
    return;
  }
  console.warn(`[mowjaz tests] NOTICE: ${sharedPath(subdir)} is absent; skipping "${name}".`);
  describe.skip(`${name} (skipped: ${subdir} not found in ../shared)`, body);
}
