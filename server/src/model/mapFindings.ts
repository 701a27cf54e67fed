// What validation reports about the mappings of a document, found at parse time
// by the one walk over its nodes (parseWalk.ts): duplicate keys and `//` comments
// written inside plain values. Chunk-local offsets, like every LocalDiagnostic.

import { isScalar, type YAMLMap } from 'yaml';
import { rangeOf, type LocalDiagnostic } from './check/localDiagnostic';

/** Duplicate keys of one mapping (YAML requires unique keys). */
export function duplicateKeys(map: YAMLMap, out: LocalDiagnostic[]): void {
  const items = map.items;
  if (items.length < 2) return;
  // Small maps (most of them) compare pairwise instead of building a Map.
  const first = items.length > 8 ? new Map<string, unknown>() : undefined;
  for (let i = 0; i < items.length; i++) {
    const k = items[i].key;
    if (!isScalar(k) || typeof k.value === 'symbol') continue; // `<<` merge keys may repeat
    const name = String(k.value);
    let prev: unknown;
    if (first) {
      prev = first.get(name);
      if (prev === undefined) {
        first.set(name, k);
        continue;
      }
    } else {
      for (let j = 0; j < i && prev === undefined; j++) {
        const other = items[j].key;
        if (isScalar(other) && typeof other.value !== 'symbol' && String(other.value) === name) prev = other;
      }
      if (prev === undefined) continue;
    }
    const r = rangeOf(k);
    const p = rangeOf(prev);
    if (!r) continue;
    out.push({
      start: r[0],
      end: r[1],
      severity: 'error',
      code: 'duplicate-key',
      message: `Duplicate key "${name}".`,
      related: p ? { start: p[0], end: p[1], message: `First "${name}" is here` } : undefined,
    });
  }
}

/**
 * `image: nginx // the web server`: notes copied from the web use `//` comments,
 * which YAML reads as part of the value. A hint on plain (unquoted) values only;
 * `http://x` has no space before the slashes.
 */
export function slashComments(map: YAMLMap, out: LocalDiagnostic[]): void {
  for (const pair of map.items) {
    const v = pair.value;
    if (!isScalar(v) || v.type !== 'PLAIN' || typeof v.value !== 'string' || !v.value.includes('//')) continue;
    const m = /(^|\s)\/\/(\s|$)/.exec(v.value);
    const r = rangeOf(v);
    if (!m || !r) continue;
    const at = r[0] + m.index + m[1].length;
    out.push({
      start: at,
      end: r[1],
      severity: 'warning',
      code: 'slash-comment',
      message: `"${v.value.slice(m.index + m[1].length)}" is part of the value: YAML comments start with "#", not "//".`,
    });
  }
}
