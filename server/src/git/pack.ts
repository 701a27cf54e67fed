// Reading objects out of git pack files: the v2 `.idx` (fan-out table, sorted
// object names, 31-bit offsets with 64-bit large offsets) and `.pack` entries,
// including OBJ_OFS_DELTA / OBJ_REF_DELTA deltas resolved along their chains.
// Files are read with positioned reads (never whole), and every size, offset
// and chain depth is bounded; anything corrupt yields undefined.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';

export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

/** Largest object (and delta result) the reader inflates. */
export const MAX_OBJECT_SIZE = 50 * 1024 * 1024;
/** Longest delta chain followed. */
export const MAX_DELTA_DEPTH = 50;

const TYPES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OBJ_OFS_DELTA = 6;
const OBJ_REF_DELTA = 7;
const IDX_MAGIC = 0xff744f63; // "\377tOc"

/** Reads exactly `length` bytes at `position` (fewer at end of file). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n <= 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/** Looks an object name up in a v2 pack index; returns its offset in the pack. */
export function findInIndex(idxPath: string, sha: Buffer): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(idxPath, 'r');
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, 8 + 256 * 4);
    if (head.length < 8 + 1024 || head.readUInt32BE(0) !== IDX_MAGIC || head.readUInt32BE(4) !== 2) return undefined;
    const fanout = (i: number) => (i < 0 ? 0 : head.readUInt32BE(8 + i * 4));
    const count = fanout(255);
    const first = sha[0];
    const lo = fanout(first - 1);
    const hi = fanout(first);
    if (hi < lo || hi > count || size < 8 + 1024 + count * 28 + 40) return undefined;
    const names = readAt(fd, 8 + 1024 + lo * 20, (hi - lo) * 20);
    if (names.length !== (hi - lo) * 20) return undefined;
    let a = 0;
    let b = hi - lo;
    let index = -1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const c = names.compare(sha, 0, 20, mid * 20, mid * 20 + 20);
      if (c === 0) {
        index = lo + mid;
        break;
      }
      if (c < 0) a = mid + 1;
      else b = mid;
    }
    if (index < 0) return undefined;
    const offsets = 8 + 1024 + count * 24;
    const small = readAt(fd, offsets + index * 4, 4);
    if (small.length !== 4) return undefined;
    const value = small.readUInt32BE(0);
    if ((value & 0x80000000) === 0) return value;
    // The high bit marks an index into the table of 64-bit offsets (packs over 2 GiB).
    const large = readAt(fd, offsets + count * 4 + (value & 0x7fffffff) * 8, 8);
    if (large.length !== 8) return undefined;
    const offset = large.readBigUInt64BE(0);
    return offset <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(offset) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Inflates the zlib stream at `position`, expecting exactly `size` bytes. */
function inflateAt(fd: number, fileSize: number, position: number, size: number): Buffer | undefined {
  const remaining = fileSize - position;
  if (remaining <= 0) return undefined;
  // Deflate rarely grows data by more than a few bytes per 16 KiB block; retry larger if the guess was short.
  let length = Math.min(remaining, size + (size >> 6) + 256);
  for (;;) {
    try {
      const out = inflateSync(readAt(fd, position, length), { maxOutputLength: size + 1 });
      return out.length === size ? out : undefined;
    } catch (e) {
      if ((e as { code?: string }).code !== 'Z_BUF_ERROR' || length >= remaining || length > 4 * size + 65536) return undefined;
      length = Math.min(remaining, length * 2);
    }
  }
}

/** Parses a delta's little-endian base-128 size at `pos`. */
function deltaSize(delta: Buffer, pos: number): [number, number] | undefined {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos >= delta.length || shift > 49) return undefined;
    const c = delta[pos++];
    value += (c & 0x7f) * 2 ** shift;
    shift += 7;
    if ((c & 0x80) === 0) return [value, pos];
  }
}

/** Applies a git delta (copy-from-base and insert instructions) to `base`. */
export function applyDelta(base: Buffer, delta: Buffer): Buffer | undefined {
  const src = deltaSize(delta, 0);
  if (!src || src[0] !== base.length) return undefined;
  const tgt = deltaSize(delta, src[1]);
  if (!tgt || tgt[0] > MAX_OBJECT_SIZE) return undefined;
  const out = Buffer.alloc(tgt[0]);
  let pos = tgt[1];
  let written = 0;
  while (pos < delta.length) {
    const op = delta[pos++];
    if (op & 0x80) {
      // Copy: which offset/size bytes follow is given by the low 7 bits.
      let offset = 0;
      let size = 0;
      for (let i = 0; i < 4; i++) {
        if (op & (1 << i)) {
          if (pos >= delta.length) return undefined;
          offset += delta[pos++] * 2 ** (8 * i);
        }
      }
      for (let i = 0; i < 3; i++) {
        if (op & (0x10 << i)) {
          if (pos >= delta.length) return undefined;
          size += delta[pos++] * 2 ** (8 * i);
        }
      }
      if (size === 0) size = 0x10000;
      if (offset + size > base.length || written + size > out.length) return undefined;
      base.copy(out, written, offset, offset + size);
      written += size;
    } else if (op !== 0) {
      // Insert the next `op` bytes of the delta.
      if (pos + op > delta.length || written + op > out.length) return undefined;
      delta.copy(out, written, pos, pos + op);
      written += op;
      pos += op;
    } else {
      return undefined; // reserved instruction
    }
  }
  return written === out.length ? out : undefined;
}

/** Looks up a base object by name for OBJ_REF_DELTA (in any pack or loose). */
export type BaseLookup = (sha: Buffer, depth: number) => GitObject | undefined;

/** Reads the object at `offset` of a pack, resolving delta chains up to MAX_DELTA_DEPTH. */
export function readPackObject(packPath: string, offset: number, lookup: BaseLookup, depth = 0): GitObject | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(packPath, 'r');
    const fileSize = fstatSync(fd).size;
    const sig = readAt(fd, 0, 8);
    if (sig.length !== 8 || sig.toString('latin1', 0, 4) !== 'PACK' || ![2, 3].includes(sig.readUInt32BE(4))) return undefined;
    return readEntry(fd, fileSize, offset, lookup, depth);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readEntry(fd: number, fileSize: number, offset: number, lookup: BaseLookup, depth: number): GitObject | undefined {
  if (depth > MAX_DELTA_DEPTH || offset < 12 || offset >= fileSize) return undefined;
  const head = readAt(fd, offset, 32);
  if (head.length === 0) return undefined;
  let pos = 0;
  let c = head[pos++];
  const type = (c >> 4) & 7;
  let size = c & 15;
  let shift = 4;
  while (c & 0x80) {
    if (pos >= head.length || shift > 49) return undefined;
    c = head[pos++];
    size += (c & 0x7f) * 2 ** shift;
    shift += 7;
  }
  if (size > MAX_OBJECT_SIZE) return undefined;
  if (TYPES[type]) {
    const data = inflateAt(fd, fileSize, offset + pos, size);
    return data && { type: TYPES[type], data };
  }
  let base: GitObject | undefined;
  if (type === OBJ_OFS_DELTA) {
    // The base's distance back from this entry, in git's offset encoding (each continuation adds one).
    if (pos >= head.length) return undefined;
    c = head[pos++];
    let distance = c & 0x7f;
    while (c & 0x80) {
      if (pos >= head.length) return undefined;
      c = head[pos++];
      distance = (distance + 1) * 128 + (c & 0x7f);
    }
    if (distance <= 0 || distance > offset) return undefined;
    base = readEntry(fd, fileSize, offset - distance, lookup, depth + 1);
  } else if (type === OBJ_REF_DELTA) {
    if (pos + 20 > head.length) return undefined;
    base = lookup(Buffer.from(head.subarray(pos, pos + 20)), depth + 1);
    pos += 20;
  } else {
    return undefined;
  }
  if (!base) return undefined;
  const delta = inflateAt(fd, fileSize, offset + pos, size);
  const data = delta && applyDelta(base.data, delta);
  return data && { type: base.type, data };
}
