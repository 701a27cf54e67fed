// Finding the git repository a file belongs to and resolving its HEAD commit,
// read-only and in-process (node:fs only: the server never starts a process).
// Anything missing, odd or unsupported (sha256 repositories, reftable refs, an
// unborn HEAD) yields undefined, never an exception.

import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

export interface GitRepository {
  /** The work tree's root: the directory that holds `.git`. */
  workTree: string;
  /** This work tree's git directory (its HEAD lives here). */
  gitDir: string;
  /** The shared git directory (objects, branches, packed-refs): gitDir, or the main repository's for a linked worktree. */
  commonDir: string;
}

/** Hex SHA-1 object names; sha256 repositories are not supported. */
export const SHA1_HEX = /^[0-9a-f]{40}$/;

const MAX_SMALL_FILE = 1024 * 1024;
const MAX_PACKED_REFS = 256 * 1024 * 1024;
const MAX_DIR_LEVELS = 256;
const MAX_SYMREF_DEPTH = 10;
/** A ref name as git allows it, without path traversal. */
const REF_NAME = /^refs\/(?:[A-Za-z0-9_.+@-]+\/)*[A-Za-z0-9_.+@-]+$/;

/** Reads a file as UTF-8 when it exists and is at most `max` bytes. */
export function readSmallFile(path: string, max = MAX_SMALL_FILE): string | undefined {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > max) return undefined;
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n <= 0) break;
      read += n;
    }
    return buf.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The real path of a file (or of its directory when the file itself does not exist). */
export function realPath(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/** The git directory a `.git` entry names: itself when a directory, the `gitdir:` target when a file (worktrees, submodules). */
function gitDirOf(dotGit: string): string | undefined {
  if (isDirectory(dotGit)) return dotGit;
  const text = readSmallFile(dotGit, 64 * 1024);
  const m = text === undefined ? null : /^gitdir:[ \t]*(.+?)[ \t]*$/m.exec(text);
  if (!m) return undefined;
  const target = isAbsolute(m[1]) ? m[1] : resolve(dirname(dotGit), m[1]);
  return isDirectory(target) ? target : undefined;
}

/** The repository containing `filePath` (walking up from its directory), if any. */
export function findRepository(filePath: string): GitRepository | undefined {
  try {
    let dir = dirname(realPath(filePath));
    for (let level = 0; level < MAX_DIR_LEVELS; level++) {
      const gitDir = gitDirOf(join(dir, '.git'));
      if (gitDir && readSmallFile(join(gitDir, 'HEAD')) !== undefined) {
        // A linked worktree's git directory names the main one in `commondir`.
        const common = readSmallFile(join(gitDir, 'commondir'))?.trim();
        const commonDir = common ? (isAbsolute(common) ? common : resolve(gitDir, common)) : gitDir;
        if (!isDirectory(join(commonDir, 'objects'))) return undefined;
        return { workTree: realPath(dir), gitDir, commonDir };
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  } catch {
    // fall through: no repository
  }
  return undefined;
}

/** True when the repository uses an object format other than SHA-1 (`extensions.objectFormat = sha256`). */
export function hasUnsupportedObjectFormat(repo: GitRepository): boolean {
  const config = readSmallFile(join(repo.commonDir, 'config')) ?? '';
  const m = /^[ \t]*objectformat[ \t]*=[ \t]*"?([A-Za-z0-9]+)"?/im.exec(config);
  return !!m && m[1].toLowerCase() !== 'sha1';
}

/** The object name a packed ref has in `packed-refs`, if listed there. */
function packedRef(repo: GitRepository, name: string): string | undefined {
  const text = readSmallFile(join(repo.commonDir, 'packed-refs'), MAX_PACKED_REFS);
  if (text === undefined) return undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1).trimEnd() === name) return line.slice(0, space);
  }
  return undefined;
}

/** Resolves a ref (`refs/heads/main`) to an object name: loose ref file, then packed-refs; follows symbolic refs. */
export function resolveRef(repo: GitRepository, name: string, depth = 0): string | undefined {
  if (depth > MAX_SYMREF_DEPTH || !REF_NAME.test(name) || name.split('/').some((p) => p === '.' || p === '..')) return undefined;
  // Per-worktree refs live in the worktree's git directory, the others in the shared one.
  const perWorktree = /^refs\/(?:worktree|bisect|rewritten)\//.test(name);
  const loose = readSmallFile(join(perWorktree ? repo.gitDir : repo.commonDir, ...name.split('/')), 64 * 1024)?.trim();
  if (loose !== undefined) return resolveRefValue(repo, loose, depth);
  const packed = packedRef(repo, name);
  return packed !== undefined && SHA1_HEX.test(packed) ? packed : undefined;
}

function resolveRefValue(repo: GitRepository, value: string, depth: number): string | undefined {
  const sym = /^ref:[ \t]*(\S+)$/.exec(value);
  if (sym) return resolveRef(repo, sym[1], depth + 1);
  return SHA1_HEX.test(value) ? value : undefined;
}

/** The commit HEAD points at (symbolic or detached); undefined for an unborn branch or an unsupported repository. */
export function resolveHead(repo: GitRepository): string | undefined {
  try {
    if (hasUnsupportedObjectFormat(repo)) return undefined;
    const head = readSmallFile(join(repo.gitDir, 'HEAD'), 64 * 1024)?.trim();
    return head === undefined ? undefined : resolveRefValue(repo, head, 0);
  } catch {
    return undefined;
  }
}
