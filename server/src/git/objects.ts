// Reading git objects by name from a repository's object store: loose objects
// (`objects/ab/cdef…`, zlib-deflated `<type> <size>\0<content>`) and pack files
// (pack.ts), including the stores listed in `objects/info/alternates`.
// Read-only and in-process; anything missing or corrupt yields undefined.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { isAbsolute, join, resolve } from 'node:path';
import { findInIndex, MAX_DELTA_DEPTH, MAX_OBJECT_SIZE, readPackObject, type GitObject, type ObjectType } from './pack';
import { readSmallFile, SHA1_HEX, type GitRepository } from './repo';

export type { GitObject, ObjectType };

const MAX_ALTERNATES = 16;
const MAX_PACKS = 4096;

/** A repository's object directories: its own, then its alternates (one level). */
export function objectDirs(repo: GitRepository): string[] {
  const own = join(repo.commonDir, 'objects');
  const dirs = [own];
  const alternates = readSmallFile(join(own, 'info', 'alternates'), 64 * 1024);
  for (const line of (alternates ?? '').split('\n')) {
    const path = line.trim();
    if (!path || path.startsWith('#') || dirs.length > MAX_ALTERNATES) continue;
    dirs.push(isAbsolute(path) ? path : resolve(own, path));
  }
  return dirs;
}

function readLoose(dir: string, hex: string): GitObject | undefined {
  const path = join(dir, hex.slice(0, 2), hex.slice(2));
  let raw: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_OBJECT_SIZE + 1024) return undefined;
    raw = inflateSync(readFileSync(path), { maxOutputLength: MAX_OBJECT_SIZE + 64 });
  } catch {
    return undefined;
  }
  const nul = raw.indexOf(0);
  if (nul < 0 || nul > 32) return undefined;
  const m = /^(commit|tree|blob|tag) (\d+)$/.exec(raw.toString('latin1', 0, nul));
  if (!m || Number(m[2]) !== raw.length - nul - 1) return undefined;
  return { type: m[1] as ObjectType, data: raw.subarray(nul + 1) };
}

function packIndexes(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'pack'))
      .filter((f) => /^pack-[0-9a-f]+\.idx$/.test(f))
      .slice(0, MAX_PACKS)
      .map((f) => join(dir, 'pack', f));
  } catch {
    return [];
  }
}

/** Reads an object by its hex SHA-1 name from the loose store, packs and alternates. */
export function readObject(repo: GitRepository, hex: string, depth = 0): GitObject | undefined {
  if (!SHA1_HEX.test(hex) || depth > MAX_DELTA_DEPTH) return undefined;
  try {
    const dirs = objectDirs(repo);
    for (const dir of dirs) {
      const loose = readLoose(dir, hex);
      if (loose) return loose;
    }
    const sha = Buffer.from(hex, 'hex');
    const lookup = (base: Buffer, d: number) => readObject(repo, base.toString('hex'), d);
    for (const dir of dirs) {
      for (const idx of packIndexes(dir)) {
        const offset = findInIndex(idx, sha);
        if (offset === undefined) continue;
        const obj = readPackObject(idx.replace(/\.idx$/, '.pack'), offset, lookup, depth);
        if (obj) return obj;
      }
    }
  } catch {
    // fall through: not readable
  }
  return undefined;
}
