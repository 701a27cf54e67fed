// The API server's validation of one object, placed on its YAML: the object is
// decoded and defaulted (k8s/defaults.ts) and validated by the one validation core
// (k8s/validation `validateObject`); each field error is mapped back to the key or
// value it is about.
//
// Where an error goes: the value at its path; a map or list on its key (a whole
// block is unreadable); a map-key path (`metadata.labels[app]`) on the key; a
// missing field (Required) on its parent's key; a path the user never wrote (a
// defaulted field) on the nearest written ancestor.

import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { decodeAndDefault } from '../../k8s/defaults';
import { errorText, invalidMessage, SELECTOR_MISMATCH, validateObject, type FieldError, type PathStep } from '../../k8s/validation';
import type { TypeMeta } from '../../schema';
import { rangeOf, type LocalDiagnostic } from './localDiagnostic';

type Json = Record<string, unknown>;

function pairNamed(map: YAMLMap, name: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
}

/** The node a list item is marked on when something inside it is missing: its first key, else the item. */
function itemAnchor(item: unknown): unknown {
  return isMap(item) && item.items[0] ? item.items[0].key : item;
}

/** The YAML node an error (or warning) about `steps` belongs on. */
export function nodeForPath(root: YAMLMap, steps: PathStep[], value?: unknown): unknown {
  let cur: unknown = root;
  let anchor: unknown = root.get('kind', true) ?? root;
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    if ('field' in st) {
      const p = isMap(cur) ? pairNamed(cur, st.field) : undefined;
      if (!p || p.value === null || p.value === undefined) return p?.key ?? anchor;
      if (isScalar(p.value) && p.value.value === null) return p.key;
      anchor = p.key;
      cur = p.value;
    } else if ('index' in st) {
      const item = isSeq(cur) ? cur.items[st.index] : undefined;
      if (item === undefined || item === null) return anchor;
      anchor = itemAnchor(item);
      cur = item;
    } else {
      const p = isMap(cur) ? pairNamed(cur, st.key) : undefined;
      if (!p) return anchor;
      if (i === steps.length - 1) return p.key;
      anchor = p.key;
      cur = p.value;
    }
  }
  if (isScalar(cur)) return cur;
  // A map-level error about one entry (ValidateLabels reports `metadata.labels` with the bad key or value).
  if (isMap(cur) && typeof value === 'string') {
    const byKey = pairNamed(cur, value);
    if (byKey) return byKey.key;
    const byValue = cur.items.find((p) => isScalar(p.value) && p.value.value === value);
    if (byValue && isPair(byValue)) return byValue.value;
  }
  if (cur === root) return root.get('kind', true) ?? root;
  return anchor;
}

/** Field path steps as the YAML path segments used by model/ast (`['spec', 'containers', 0, 'image']`). */
export function pathSegments(steps: PathStep[]): Array<string | number> {
  return steps.map((s) => ('field' in s ? s.field : 'index' in s ? s.index : s.key));
}

function diagnosticOf(root: YAMLMap, node: unknown, kind: string, name: string, e: FieldError): LocalDiagnostic | undefined {
  const r = rangeOf(node);
  if (!r) return undefined;
  // A selector that does not match the template labels is reported on the labels (the API server's path); the selector is the related place.
  const spec = e.detail === SELECTOR_MISMATCH ? root.get('spec', true) : undefined;
  const selector = isMap(spec) ? rangeOf(spec.get('selector', true)) : undefined;
  return {
    start: r[0],
    end: r[1],
    severity: 'error',
    code: 'api-invalid',
    message: invalidMessage(kind, name, [e]),
    data: { type: e.type, field: e.field, path: pathSegments(e.path) },
    stage: 'validate',
    apiText: errorText(e),
    field: e.field,
    ...(selector ? { related: { start: selector[0], end: selector[1], message: 'selector' } } : {}),
  };
}

/**
 * Decodes, defaults and validates `plain` (a fresh copy: it is changed) as `type`,
 * appending one diagnostic per field error and warning.
 */
export function checkApi(root: YAMLMap, plain: Json, type: TypeMeta, namespaced: boolean, out: LocalDiagnostic[]): void {
  plain.apiVersion = type.apiVersion;
  plain.kind = type.kind;
  decodeAndDefault(plain, namespaced);
  const result = validateObject(plain, { namespaced });
  const meta = plain.metadata as Json;
  const name = typeof meta.name === 'string' ? meta.name : '';
  for (const e of result.errors) {
    const d = diagnosticOf(root, nodeForPath(root, e.path, e.value), type.kind, name, e);
    if (d) out.push(d);
  }
  for (const w of result.warnings) {
    const r = rangeOf(w.path ? nodeForPath(root, w.path) : (root.get('kind', true) as Node | undefined) ?? root);
    if (!r) continue;
    out.push({ start: r[0], end: r[1], severity: 'warning', code: 'api-warning', message: w.message, apiText: w.message, data: w.path ? { path: pathSegments(w.path) } : {} });
  }
}
