// Shared by the cross-reference features (definition, references, rename, hover,
// code lens, diagnostics): LSP ranges of model nodes, and "what is under the
// cursor" in terms of the reference model.

import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Location, Range } from 'vscode-languageserver-types';
import { nodeAt, nodeAtPath, scalarString } from '../model/ast';
import type { IndexedResource, PodTemplate } from '../model/index';
import { docAt, resourceAt, type SourceFile } from '../model/parse';
import type { Position } from '../model/text';
import { containerPorts, isName, isSelector, referencesOf, type ReferenceGraph, type Reference, type SelectorReference } from '../model/references';
import type { Workspace } from '../model/workspace';

export function describe(e: IndexedResource): string {
  return `${e.kind} ${e.namespace && e.namespace !== 'default' ? `${e.namespace}/` : ''}${e.name || '(unnamed)'}`;
}

function localRange(node: Node | undefined): [number, number] | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Range of a node (chunk-local in `owner`'s document) in `file`. */
export function rangeIn(file: SourceFile, owner: IndexedResource, node: Node | undefined): Range | undefined {
  const r = localRange(node);
  if (!r) return undefined;
  const start = owner.resource.doc.start;
  return file.lines.range(start + r[0], start + Math.max(r[0], r[1]));
}

/** Range of a scalar's text without quotes (what a rename replaces). */
export function valueRangeIn(file: SourceFile, owner: IndexedResource, node: Node | undefined): Range | undefined {
  const r = localRange(node);
  if (!r || !isScalar(node)) return undefined;
  let [s, e] = [owner.resource.doc.start + r[0], owner.resource.doc.start + r[1]];
  const q = file.text[s];
  if ((q === '"' || q === "'") && file.text[e - 1] === q && e - s >= 2) {
    s++;
    e--;
  }
  return file.lines.range(s, e);
}

export function locationOf(ws: Workspace, owner: IndexedResource, node: Node | undefined): Location | undefined {
  const file = ws.get(owner.uri);
  if (!file) return undefined;
  const range = rangeIn(file, owner, node ?? owner.resource.node);
  return range ? { uri: owner.uri, range } : undefined;
}

function contains(node: unknown, local: number): boolean {
  const r = (node as Node | undefined)?.range;
  return !!r && r[0] <= local && local <= r[1];
}

/** A `key: value` entry of a label map or of a selector's equality map. */
export interface LabelPair {
  map: YAMLMap;
  pair: Pair;
  key: string;
  value: string;
  onKey: boolean;
}

export type Located =
  | { type: 'reference'; ref: Reference; entry: IndexedResource; part: 'name' | 'key' | 'port' | 'selector'; label?: LabelPair }
  | { type: 'resource'; entry: IndexedResource; node: Node }
  | { type: 'label'; entry: IndexedResource; template?: PodTemplate; label: LabelPair }
  | { type: 'data-key'; entry: IndexedResource; key: string; node: Node }
  | { type: 'container-port'; entry: IndexedResource; template: PodTemplate; name: string; node: Node };

function pairAt(map: YAMLMap, local: number): LabelPair | undefined {
  for (const pair of map.items) {
    const key = scalarString(pair.key);
    if (key === undefined) continue;
    const onKey = contains(pair.key, local);
    if (onKey || contains(pair.value, local)) {
      const value = scalarString(pair.value) ?? '';
      return { map, pair, key, value, onKey };
    }
  }
  return undefined;
}

/** The key node of the pair holding a reference's node (the `selector:` key), for cursor hits on it. */
export function keyNodeOf(ref: Reference): Node | undefined {
  const p = ref.parent.items.find((x) => x.value === ref.node);
  return (p?.key as Node | undefined) ?? undefined;
}

function selectorLabelAt(ref: SelectorReference, local: number): LabelPair | undefined {
  const node = ref.node;
  if (!isMap(node)) return undefined;
  if (ref.relation.form === 'map') return pairAt(node, local);
  if (ref.relation.form === 'labelSelector') {
    const ml = node.get('matchLabels', true);
    if (isMap(ml)) return pairAt(ml, local);
  }
  return undefined;
}

export function locate(g: ReferenceGraph, uri: string, position: Position): Located | undefined {
  const file = g.workspace.get(uri);
  if (!file || file.isTemplate) return undefined;
  const offset = file.lines.offsetAt(position);
  const doc = docAt(file, offset);
  if (!doc) return undefined;
  const local = offset - doc.start;
  const resource = resourceAt(doc, local);
  if (!resource) return undefined;
  const entry = g.index.entryOf(resource);
  if (!entry) return undefined;

  let best: { ref: Reference; part: 'name' | 'key' | 'port' | 'selector'; size: number } | undefined;
  const consider = (ref: Reference, node: Node | undefined, part: 'name' | 'key' | 'port' | 'selector') => {
    const r = localRange(node);
    if (!r || !contains(node, local)) return;
    const size = r[1] - r[0];
    if (!best || size < best.size) best = { ref, part, size };
  };
  for (const ref of referencesOf(entry)) {
    if (isName(ref)) {
      consider(ref, ref.node, 'name');
      consider(ref, ref.key?.node, 'key');
      consider(ref, ref.port?.node, 'port');
    } else {
      consider(ref, ref.node, isSelector(ref) ? 'selector' : 'name');
      if (isSelector(ref)) consider(ref, keyNodeOf(ref), 'selector');
    }
  }
  if (best) {
    const label = isSelector(best.ref) ? selectorLabelAt(best.ref, local) : undefined;
    return { type: 'reference', ref: best.ref, entry, part: best.part, label };
  }

  const name = nodeAtPath(resource.node, ['metadata', 'name']);
  if (name && contains(name, local)) return { type: 'resource', entry, node: name };

  const tpl = entry.template;
  if (tpl?.labelsNode && contains(tpl.labelsNode, local)) {
    const label = pairAt(tpl.labelsNode, local);
    if (label) return { type: 'label', entry, template: tpl, label };
  }
  const labels = nodeAtPath(resource.node, ['metadata', 'labels']);
  if (isMap(labels) && contains(labels, local)) {
    const label = pairAt(labels, local);
    if (label) return { type: 'label', entry, template: tpl && tpl.labelsNode === labels ? tpl : undefined, label };
  }
  if (entry.group === '' && (entry.kind === 'ConfigMap' || entry.kind === 'Secret')) {
    for (const m of ['data', 'binaryData', 'stringData']) {
      const map = resource.node.get(m, true);
      if (!isMap(map)) continue;
      for (const p of map.items) {
        if (contains(p.key, local)) return { type: 'data-key', entry, key: scalarString(p.key) ?? '', node: p.key as Node };
      }
    }
  }
  if (tpl) {
    for (const p of containerPorts(tpl)) {
      if (p.name && p.nameNode && contains(p.nameNode, local)) return { type: 'container-port', entry, template: tpl, name: p.name, node: p.nameNode };
    }
  }
  // Anywhere else in the header of an object counts as the object itself.
  const n = nodeAt(resource.node, local);
  if (n.path.length <= 1 && (n.path[0] === 'kind' || n.path[0] === 'metadata' || n.path[0] === 'apiVersion')) {
    return name ? { type: 'resource', entry, node: name } : undefined;
  }
  return undefined;
}
