// A file's version at HEAD, for the Simulate Apply panel's baseline: find the
// repository, resolve HEAD, read the commit, walk its tree along the file's
// path and read the blob. Never throws; undefined means "no usable repository"
// (not in one, unborn HEAD, sha256, corrupt or oversized objects, a symlink).

import { isAbsolute, relative, sep } from 'node:path';
import { readObject } from './objects';
import { findRepository, realPath, resolveHead, SHA1_HEX, type GitRepository } from './repo';

export type HeadVersion =
  /** The file as committed at HEAD. */
  | { kind: 'committed'; commit: string; text: string }
  /** The repository's HEAD has no file at this path (it is new since HEAD). */
  | { kind: 'untracked'; commit: string };

const MAX_TAG_PEELS = 8;
const CACHE_SIZE = 32;
/** Texts larger than this are not cached (the cache must stay small). */
const MAX_CACHED_TEXT = 1024 * 1024;
/** Pure cache: results by commit + repository + path; a commit's objects are content-addressed and never change, so entries never go stale. */
const cache = new Map<string, HeadVersion | undefined>();

/** The tree of a commit (peeling annotated tags). */
function commitTree(repo: GitRepository, hex: string): string | undefined {
  for (let i = 0; i < MAX_TAG_PEELS; i++) {
    const obj = readObject(repo, hex);
    if (!obj) return undefined;
    const text = obj.data.toString('latin1', 0, Math.min(obj.data.length, 4096));
    if (obj.type === 'commit') return /^tree ([0-9a-f]{40})\n/.exec(text)?.[1];
    if (obj.type !== 'tag') return undefined;
    const target = /^object ([0-9a-f]{40})\n/.exec(text)?.[1];
    if (!target) return undefined;
    hex = target;
  }
  return undefined;
}

/** The entry `name` of a tree object: its mode and object name. */
function treeEntry(tree: Buffer, name: string): { mode: string; hex: string } | undefined | 'corrupt' {
  const wanted = Buffer.from(name, 'utf8');
  let pos = 0;
  while (pos < tree.length) {
    const space = tree.indexOf(0x20, pos);
    const nul = space < 0 ? -1 : tree.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > tree.length) return 'corrupt';
    if (nul - space - 1 === wanted.length && tree.compare(wanted, 0, wanted.length, space + 1, nul) === 0) {
      return { mode: tree.toString('latin1', pos, space), hex: tree.toString('hex', nul + 1, nul + 21) };
    }
    pos = nul + 21;
  }
  return undefined;
}

function decodeText(data: Buffer): string | undefined {
  // Same rules as reading a manifest from disk: NUL early means binary; drop a BOM.
  if (data.subarray(0, 8192).includes(0)) return undefined;
  const text = data.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lookup(repo: GitRepository, commit: string, parts: string[]): HeadVersion | undefined {
  let hex = commitTree(repo, commit);
  if (!hex) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const tree = readObject(repo, hex);
    if (!tree || tree.type !== 'tree') return undefined;
    const entry = treeEntry(tree.data, parts[i]);
    if (entry === 'corrupt') return undefined;
    if (!entry) return { kind: 'untracked', commit };
    const last = i === parts.length - 1;
    if (!last && entry.mode !== '40000') {
      // A file (or submodule) where the path needs a directory: this path is not in HEAD.
      return entry.mode === '160000' ? undefined : { kind: 'untracked', commit };
    }
    if (last && !/^100[0-7]{3}$/.test(entry.mode)) return entry.mode === '40000' ? { kind: 'untracked', commit } : undefined;
    hex = entry.hex;
  }
  const blob = readObject(repo, hex);
  if (!blob || blob.type !== 'blob') return undefined;
  const text = decodeText(blob.data);
  return text === undefined ? undefined : { kind: 'committed', commit, text };
}

/** The file's version at HEAD of the git repository it lives in, or undefined when there is none usable. */
export function headVersion(filePath: string): HeadVersion | undefined {
  try {
    const repo = findRepository(filePath);
    if (!repo) return undefined;
    const commit = resolveHead(repo);
    if (!commit || !SHA1_HEX.test(commit)) return undefined;
    const rel = relative(repo.workTree, realPath(filePath));
    if (!rel || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
    const parts = rel.split(sep);
    if (parts.some((p) => p === '' || p === '.' || p === '..' || p === '.git')) return undefined;
    const key = `${commit}\0${repo.commonDir}\0${parts.join('/')}`;
    if (cache.has(key)) return cache.get(key);
    const result = lookup(repo, commit, parts);
    if (result?.kind !== 'committed' || result.text.length <= MAX_CACHED_TEXT) {
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, result);
    }
    return result;
  } catch {
    return undefined;
  }
}

/** The text of the file as committed at HEAD, with the commit, when it is tracked there. */
export function committedText(filePath: string): { text: string; commit: string } | undefined {
  const v = headVersion(filePath);
  return v?.kind === 'committed' ? { text: v.text, commit: v.commit } : undefined;
}
