// Sharing equal strings and range arrays between parsed documents, to cut the
// heap of a big workspace. One ParseInterner belongs to one Workspace (so to one
// server instance): two servers in a process share nothing, and a table is
// dropped with its workspace.

import { isMap, isScalar, isSeq, type Scalar } from 'yaml';

/** Strings longer than this are rarely repeated (descriptions, scripts): not interned. */
const INTERN_MAX_LENGTH = 64;
const INTERN_MAX_ENTRIES = 50_000;
/** At most this many shared range arrays (a table of 2^17 slots at 75% load); then it starts over. */
const RANGES_MAX_ENTRIES = 98_304;

type Range = [number, number, number];

export class ParseInterner {
  /**
   * Shared copies of short scalar strings. Every key and value the parser
   * produces is a fresh string (`name`, `apiVersion`, `app.kubernetes.io/name`,
   * `IfNotPresent`... repeated in every document), which in a 10,000-resource
   * workspace is a large share of the heap. Bounded: once full, it starts over
   * (strings already shared stay shared).
   */
  private strings = new Map<string, string>();
  /**
   * Shared `range` arrays. Ranges are chunk-local, and documents written by the
   * same hand or tool repeat their layout (`apiVersion` at [0, 10, 10], `kind`
   * at [23, 27, 27], ...), so equal triples recur across thousands of documents;
   * each array costs ~72 bytes. Ranges are never changed after parsing (copies
   * of a node copy its range). Bounded like the string table.
   */
  private ranges = new RangeTable();

  /** The shared copy of `s`. */
  string(s: string): string {
    if (s.length > INTERN_MAX_LENGTH) return s;
    const found = this.strings.get(s);
    if (found !== undefined) return found;
    if (this.strings.size >= INTERN_MAX_ENTRIES) this.strings = new Map();
    this.strings.set(s, s);
    return s;
  }

  private shareRange(node: { range?: Range | null }): void {
    const r = node.range;
    if (r) node.range = this.ranges.share(r);
  }

  /** Replaces one node's range and, for a scalar, its strings (value and source) with shared copies. */
  shareNode(node: object): void {
    this.shareRange(node as { range?: Range | null });
    if (!isScalar(node)) return;
    const s = node as Scalar;
    if (typeof s.value === 'string') {
      const sameSource = s.source === s.value;
      const value = this.string(s.value);
      s.value = value;
      if (sameSource) s.source = value;
      else if (typeof s.source === 'string') s.source = this.string(s.source);
    } else if (typeof s.source === 'string') s.source = this.string(s.source); // `8080`, `true`
  }

  /** shareNode for every node under `node` (model/parseWalk.ts walks documents; this serves complex keys). */
  scalarsUnder(node: unknown, depth = 0): void {
    if (depth > 200 || !node || typeof node !== 'object') return;
    this.shareNode(node);
    if (isMap(node)) {
      for (const pair of node.items) {
        this.scalarsUnder(pair.key, depth + 1);
        this.scalarsUnder(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) this.scalarsUnder(item, depth + 1);
    }
  }
}

/**
 * Equal [start, valueEnd, nodeEnd] triples to one shared array: open addressing
 * over an Int32Array of the triples, so a lookup allocates nothing (a Map keyed
 * by the packed triple hashed a fresh heap number per node: half a second of a
 * cold start of the corpus). Starts small (a table per file when parsing without
 * a workspace) and doubles up to RANGES_MAX_ENTRIES, then starts over.
 */
class RangeTable {
  private bits = 10;
  private triples = new Int32Array(3 << this.bits);
  private arrays: Array<Range | undefined> = new Array<Range | undefined>(1 << this.bits);
  private size = 0;

  /** The shared array equal to `r` (`r` itself the first time; ranges that are not small non-negative integers as given). */
  share(r: Range): Range {
    const a = r[0];
    const b = r[1];
    const c = r[2];
    // Offsets are small integers; anything else (never produced by the parser) is left alone.
    if ((a | 0) !== a || (b | 0) !== b || (c | 0) !== c || a < 0 || b < 0 || c < 0) return r;
    const mask = (1 << this.bits) - 1;
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x3c6ef372, 0x85ebca6b) ^ Math.imul(c + 0x1b873593, 0xc2b2ae35)) >>> (32 - this.bits);
    for (;;) {
      const found = this.arrays[slot];
      if (found === undefined) break;
      const at = slot * 3;
      if (this.triples[at] === a && this.triples[at + 1] === b && this.triples[at + 2] === c) return found;
      slot = (slot + 1) & mask;
    }
    const at = slot * 3;
    this.triples[at] = a;
    this.triples[at + 1] = b;
    this.triples[at + 2] = c;
    this.arrays[slot] = r;
    if (++this.size * 4 > 3 << this.bits) this.grow();
    return r;
  }

  private grow(): void {
    const old = this.arrays;
    // Full: start over (arrays already shared stay shared); otherwise double and re-insert.
    const startOver = this.size >= RANGES_MAX_ENTRIES;
    if (!startOver) this.bits++;
    this.triples = new Int32Array(3 << this.bits);
    this.arrays = new Array<Range | undefined>(1 << this.bits);
    this.size = 0;
    if (!startOver) for (const r of old) if (r !== undefined) this.share(r);
  }
}
