// The plain JS value of a parsed node for the common case, without the `yaml`
// library's conversion context. `node.toJS()` allocates a context, an anchor map
// and a closure per call and routes every pair through generic dispatch; the
// validation core converts every object of the workspace once per analysis, so
// that was ~110 ms of CPU (and its garbage) on the 10k-resource workspace's cold
// start. Anything this walk does not reproduce exactly (anchors, aliases, merge
// keys, collection keys, tagged collections such as !!set/!!omap, scalars whose
// value is an object such as !!timestamp) answers UNSUPPORTED, and the caller
// converts with the library instead: the result is always the library's.

import { isScalar, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

export const UNSUPPORTED: unique symbol = Symbol('unsupported');

/** Deeper than this, the library converts (its own recursion, its own limits). */
const MAX_DEPTH = 200;

/** The value `node.toJS(doc)` would return, or UNSUPPORTED. */
export function plainValue(node: unknown, depth = 0): unknown {
  if (node === null || node === undefined) return node;
  if (depth > MAX_DEPTH) return UNSUPPORTED;
  const ctor = (node as object).constructor;
  if (ctor === Scalar) {
    const s = node as Scalar;
    if (s.anchor) return UNSUPPORTED;
    const v = s.value;
    if (v === null || (typeof v !== 'object' && typeof v !== 'symbol' && typeof v !== 'function')) return typeof v === 'bigint' ? Number(v) : v;
    return UNSUPPORTED;
  }
  if (ctor === YAMLMap) {
    const m = node as YAMLMap;
    if (m.anchor) return UNSUPPORTED;
    const out: Record<string, unknown> = {};
    for (const pair of m.items) {
      const key = stringKey(pair.key);
      if (key === UNSUPPORTED) return UNSUPPORTED;
      const value = plainValue(pair.value, depth + 1);
      if (value === UNSUPPORTED) return UNSUPPORTED;
      // As the library does: a key already present (a duplicate, or an Object.prototype
      // member like `constructor`) is defined as an own property, never assigned through a setter.
      if (key in out) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }
  if (ctor === YAMLSeq) {
    const s = node as YAMLSeq;
    if (s.anchor) return UNSUPPORTED;
    const out: unknown[] = new Array(s.items.length);
    for (let i = 0; i < s.items.length; i++) {
      const item = s.items[i];
      if (item instanceof Pair) return UNSUPPORTED;
      const value = plainValue(item, depth + 1);
      if (value === UNSUPPORTED) return UNSUPPORTED;
      out[i] = value;
    }
    return out;
  }
  return UNSUPPORTED;
}

/** A mapping key as the library stringifies it for a plain object, or UNSUPPORTED. */
function stringKey(key: unknown): string | typeof UNSUPPORTED {
  if (key === null || key === undefined) return '';
  if (!isScalar(key) || key.constructor !== Scalar || key.anchor) return UNSUPPORTED;
  const v = key.value;
  if (v === null) return '';
  // `<<` is a merge key under the kubectl schema (merge: true).
  if (v === '<<' || typeof v === 'object' || typeof v === 'symbol' || typeof v === 'function') return UNSUPPORTED;
  return String(typeof v === 'bigint' ? Number(v) : v);
}
