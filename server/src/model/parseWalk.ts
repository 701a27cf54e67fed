// One walk over a freshly parsed document does what three walks did: share its
// strings and ranges (intern.ts), find the plain scalars kubectl reads as YAML
// 1.1 (yaml11.ts) and collect the mapping findings validation reports
// (mapFindings.ts). Each walk visited every node of the workspace once more at
// cold start.

import { isMap, isPair, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { YamlProblem } from './document';
import type { LocalDiagnostic } from './check/localDiagnostic';
import type { ParseInterner } from './intern';
import { duplicateKeys, slashComments } from './mapFindings';
import { yaml11Problem } from './yaml11';

/** Below this depth (hostile nesting) only the mapping findings go on: strings and YAML 1.1 readings are left as parsed. */
const MAX_DEPTH = 200;

export interface ParsedWalk {
  /** YAML 1.1 warnings, in document order (only when the document is read as kubectl reads it). */
  yaml11: YamlProblem[];
  /** Slash comments of every mapping, then duplicate keys of every mapping (the order validation reports them in). */
  mapFindings: readonly LocalDiagnostic[];
}

const NONE: readonly LocalDiagnostic[] = Object.freeze([]);

export function walkParsed(root: unknown, interner: ParseInterner, readsYaml11: boolean): ParsedWalk {
  const yaml11: YamlProblem[] = [];
  const slashes: LocalDiagnostic[] = [];
  const duplicates: LocalDiagnostic[] = [];
  const map = (m: YAMLMap): void => {
    slashComments(m, slashes);
    duplicateKeys(m, duplicates);
  };
  const value = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object') return;
    const shallow = depth <= MAX_DEPTH;
    if (shallow) interner.shareNode(node);
    if (isScalar(node)) {
      if (shallow && readsYaml11) push(yaml11, yaml11Problem(node, false));
    } else if (isMap(node)) {
      map(node);
      for (const pair of node.items) {
        if (shallow) key(pair.key, depth + 1);
        value(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        // `[a: b]`: a flow sequence holds the pair itself.
        if (isPair(item)) {
          if (shallow) key(item.key, depth + 1);
          value(item.value, depth + 1);
        } else value(item, depth + 1);
      }
    }
  };
  const key = (node: unknown, depth: number): void => {
    if (isScalar(node)) {
      if (depth <= MAX_DEPTH) interner.shareNode(node);
      if (readsYaml11) push(yaml11, yaml11Problem(node, true));
    } else interner.scalarsUnder(node, depth); // a complex key: shared, not checked
  };
  value(root, 0);
  for (const d of duplicates) slashes.push(d);
  return { yaml11, mapFindings: slashes.length > 0 ? slashes : NONE };
}

function push<T>(out: T[], item: T | undefined): void {
  if (item !== undefined) out.push(item);
}
