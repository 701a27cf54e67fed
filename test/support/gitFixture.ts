// Builds real git repositories in temp directories with the `git` CLI, for the
// tests only (the server reads them in-process and never starts a process).
// git is a requirement of the test suite: without it the git tests fail.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** An environment that ignores the user's and system's git configuration. */
const ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_TERMINAL_PROMPT: '0',
};

/** Fails the test, saying why, when the git CLI cannot be run. */
function requireGit(): void {
  const r = spawnSync('git', ['--version'], { encoding: 'utf8', env: ENV });
  assert.ok(r.status === 0 && /^git version/.test(r.stdout), `the git tests need the git CLI on PATH: ${r.error?.message ?? r.stderr}`);
}

/** Runs git in `cwd`; throws with its stderr on failure. */
export function git(cwd: string, ...rest: Array<string | { input: Buffer }>): string {
  const args = rest.filter((a): a is string => typeof a === 'string');
  const input = rest.find((a): a is { input: Buffer } => typeof a !== 'string')?.input;
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: ENV, input, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/** Raw bytes of a git command's output (object contents). */
export function gitBytes(cwd: string, ...args: string[]): Buffer {
  const r = spawnSync('git', args, { cwd, env: ENV, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A fresh repository (branch `main`) in a new temp directory, with its real path. */
export function newRepo(prefix = 'drydock-git-', ...initArgs: string[]): string {
  requireGit();
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  git(dir, 'init', '-q', '-b', 'main', ...initArgs);
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'gc.auto', '0');
  return dir;
}

export function write(root: string, rel: string, text: string): string {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Writes and commits files; returns the new commit's name. */
export function commit(root: string, files: Record<string, string>, message = 'change'): string {
  for (const [rel, text] of Object.entries(files)) write(root, rel, text);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}
