// Navigation in the `yaml` library's AST: which node, key and path sit at an offset,
// and the node at a path. Offsets are chunk-local (see parse.ts).

import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';

export type PathSegment = string | number;

export interface NodeAtOffset {
  /** Keys and sequence indices from the document root to the innermost node. */
  path: PathSegment[];
  /** The innermost node containing the offset (a key scalar when `onKey`). */
  node: Node | null;
  /** The pair whose key or value contains the offset, if any. */
  pair?: Pair;
  /** The map containing `pair`. */
  parent?: YAMLMap;
  /** True when the offset is on a mapping key. */
  onKey: boolean;
}

function inRange(node: unknown, offset: number): boolean {
  const r = (node as Node | null)?.range;
  return !!r && r[0] <= offset && offset <= r[1];
}

/** Finds the deepest node at `offset`. */
export function nodeAt(root: Node | null, offset: number): NodeAtOffset {
  const result: NodeAtOffset = { path: [], node: root, onKey: false };
  let current: Node | null = root;
  for (;;) {
    if (isMap(current)) {
      let next: Node | null = null;
      for (const pair of current.items) {
        const key = pair.key as Node | null;
        const keyName = isScalar(key) ? String(key.value) : String(key);
        if (inRange(key, offset)) {
          result.path.push(keyName);
          result.node = key;
          result.pair = pair;
          result.parent = current;
          result.onKey = true;
          return result;
        }
        if (inRange(pair.value, offset)) {
          result.path.push(keyName);
          result.pair = pair;
          result.parent = current;
          next = pair.value as Node;
          break;
        }
      }
      if (!next) return result;
      result.node = next;
      current = next;
    } else if (isSeq(current)) {
      let next: Node | null = null;
      current.items.forEach((item, i) => {
        if (!next && inRange(item, offset)) {
          result.path.push(i);
          next = item as Node;
        }
      });
      if (!next) return result;
      result.node = next;
      result.pair = undefined;
      result.parent = undefined;
      current = next;
    } else {
      return result;
    }
  }
}

/** The node at a path below `root`, or undefined. */
export function nodeAtPath(root: Node | null | undefined, path: readonly PathSegment[]): Node | undefined {
  let current: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!isSeq(current)) return undefined;
      current = current.items[seg];
    } else {
      if (!isMap(current)) return undefined;
      current = current.get(seg, true);
    }
    if (current === undefined || current === null) return undefined;
  }
  return current as Node;
}

/** The pair (key and value) for `key` in a map, keeping the key node's range. */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  for (const p of map.items) {
    if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return p;
  }
  return undefined;
}

/** A scalar's string value, or undefined for other nodes. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

