// Sharing equal strings and range arrays between parsed documents, to cut the
// heap of a big workspace. One ParseInterner belongs to one Workspace (so to one
// server instance): two servers in a process share nothing, and a table is
// dropped with its workspace.

import { isMap, isScalar, isSeq, type Scalar } from 'yaml';

/** Strings longer than this are rarely repeated (descriptions, scripts): not interned. */
const INTERN_MAX_LENGTH = 64;
const INTERN_MAX_ENTRIES = 50_000;
/** Range offsets at or above this are not shared (the key packs three offsets into one number). */
const RANGE_LIMIT = 1 << 17;
const RANGES_MAX_ENTRIES = 100_000;

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
  private ranges = new Map<number, Range>();

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
    if (!r || r[0] >= RANGE_LIMIT || r[1] >= RANGE_LIMIT || r[2] >= RANGE_LIMIT || r[0] < 0 || r[1] < 0 || r[2] < 0) return;
    const key = (r[0] * RANGE_LIMIT + r[1]) * RANGE_LIMIT + r[2];
    const found = this.ranges.get(key);
    if (found) node.range = found;
    else {
      if (this.ranges.size >= RANGES_MAX_ENTRIES) this.ranges = new Map();
      this.ranges.set(key, r);
    }
  }

  /** Replaces the strings of scalars (value and source) and the ranges of nodes under `node` with shared copies. */
  scalarsUnder(node: unknown, depth = 0): void {
    if (depth > 200 || !node || typeof node !== 'object') return;
    this.shareRange(node as { range?: Range | null });
    if (isScalar(node)) {
      const s = node as Scalar;
      if (typeof s.value === 'string') {
        const sameSource = s.source === s.value;
        const value = this.string(s.value);
        s.value = value;
        if (sameSource) s.source = value;
        else if (typeof s.source === 'string') s.source = this.string(s.source);
      } else if (typeof s.source === 'string') s.source = this.string(s.source); // `8080`, `true`
      return;
    }
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
