// What the tests take as given: the shared data beside the repository
// (../shared: the real-world corpus, the Kubernetes OpenAPI documents) and the
// built bundle (dist/, which `npm test` builds and scripts/run-tests.mjs checks
// is up to date). A test that finds either missing fails with a message saying
// how to set it up; it never skips, because a skipped corpus test reads as a
// pass.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus');

/** True under CI, where every tool the tests use is installed (CI=true, as GitHub Actions and .ci/run set it). */
export function underCI(): boolean {
  return process.env.CI === 'true';
}

/**
 * The absolute path of `rel` inside ../shared (e.g. 'corpus/clean-files.txt');
 * fails the test when it is missing.
 */
export function requireShared(rel = ''): string {
  const path = join(SHARED_DIR, rel);
  assert.ok(
    existsSync(path),
    `../shared/${rel} is missing (looked for ${path}): the tests read the shared data beside the repository; check it out as ../shared`,
  );
  return path;
}

/** The absolute path of a built file (e.g. 'cli.js'); fails the test when dist/ lacks it. */
export function requireDist(name: string): string {
  const path = join(REPO_ROOT, 'dist', name);
  assert.ok(existsSync(path), `dist/${name} is missing: run \`npm run build\` (\`npm test\` builds first)`);
  return path;
}
