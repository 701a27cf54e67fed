// Rename of an object's name (the definition and every name reference, across
// files) and of a label key or value (the label on every object selected
// together with it, and the equality entries of the selectors that select
// them). A label rename is refused when it would change what any selector in
// the workspace matches — e.g. a Service that selects by the old value a pod
// the rename does not touch.

import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { isMap, type Node, type YAMLMap } from 'yaml';
import { newRequirement, selectorFromLabelSelector, selectorFromSet } from '../k8s/selector';
import type { IndexedResource, Labels } from '../model/index';
import type { Position } from '../model/text';
import { isName, isSelector, namespaceLabels, referencesOf, type ReferenceGraph, type SelectorReference } from '../model/references';
import { atPosition, logFeatureError, type FeatureContext } from './context';
import { describe, locate, valueRangeIn, type Located } from './xrefLocations';

export type RenameResult = { edit: WorkspaceEdit } | { error: string };

interface Site {
  entry: IndexedResource;
  node: Node;
}

function edits(g: ReferenceGraph, sites: Site[], text: string): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const s of sites) {
    const file = g.workspace.get(s.entry.uri);
    const range = file && valueRangeIn(file, s.entry, s.node);
    if (!range) continue;
    const k = `${s.entry.uri}:${range.start.line}:${range.start.character}`;
    if (seen.has(k)) continue;
    seen.add(k);
    (changes[s.entry.uri] ??= []).push({ range, newText: text });
  }
  return { changes };
}

/** The object whose name is under the cursor (on its definition or on a name reference). */
function nameTargets(g: ReferenceGraph, at: Located): { entries: IndexedResource[]; node: Node; owner: IndexedResource } | undefined {
  if (at.type === 'resource') return at.entry.id ? { entries: g.index.byIdentity(at.entry.id), node: at.node, owner: at.entry } : undefined;
  if (at.type === 'reference' && at.part === 'name' && isName(at.ref)) {
    const entries = g.resolve(at.ref).map((t) => t.entry);
    return entries.length > 0 ? { entries, node: at.ref.node, owner: at.entry } : undefined;
  }
  return undefined;
}

interface LabelOrigin {
  cls: string;
  key: string;
  value: string;
  onKey: boolean;
  node: Node;
  owner: IndexedResource;
  entry?: IndexedResource;
  selector?: SelectorReference;
}

function labelOrigin(at: Located): LabelOrigin | undefined {
  if (at.type === 'label') {
    const cls = at.template ? 'pods' : `${at.entry.group}/${at.entry.kind}`;
    const l = at.label;
    return { cls, key: l.key, value: l.value, onKey: l.onKey, node: (l.onKey ? l.pair.key : l.pair.value) as Node, owner: at.entry, entry: at.entry };
  }
  if (at.type === 'reference' && at.label && isSelector(at.ref)) {
    const t = at.ref.relation.targets;
    const cls = t === 'pods' || t === 'own-template' ? 'pods' : `${t.group}/${t.kind}`;
    const l = at.label;
    return { cls, key: l.key, value: l.value, onKey: l.onKey, node: (l.onKey ? l.pair.key : l.pair.value) as Node, owner: at.entry, selector: at.ref };
  }
  return undefined;
}

export function prepareRename(ctx: FeatureContext, uri: string, position: Position): { range: Range; placeholder: string } | { error: string } | undefined {
  const g = ctx.services.graph;
  const at = locate(g, uri, position);
  if (!at) return { error: 'Nothing to rename here: place the cursor on an object name, a reference to one, or a label.' };
  const file = ctx.workspace.get(uri);
  const n = nameTargets(g, at);
  if (n && file) {
    const range = valueRangeIn(file, n.owner, n.node);
    if (range) return { range, placeholder: n.owner === n.entries[0] ? n.entries[0].name : String((n.node as { value?: unknown }).value) };
  }
  const l = labelOrigin(at);
  if (l && file) {
    const range = valueRangeIn(file, l.owner, l.node);
    if (range) return { range, placeholder: l.onKey ? l.key : l.value };
  }
  if (at.type === 'reference' && isName(at.ref)) return { error: `${at.ref.target.kind} "${at.ref.name}" is not defined in the workspace, so it cannot be renamed here.` };
  return { error: 'Nothing to rename here: place the cursor on an object name, a reference to one, or a label.' };
}

function renameName(g: ReferenceGraph, entries: IndexedResource[], newName: string): RenameResult {
  const e = entries[0];
  if (!/^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/.test(newName)) return { error: `"${newName}" is not a valid object name (lowercase letters, digits, '-', '.').` };
  if (newName === e.name) return { edit: { changes: {} } };
  if (g.index.lookup(e.group, e.kind, e.namespace, newName).length > 0) return { error: `${e.kind} "${newName}" already exists${e.namespace ? ` in namespace ${e.namespace}` : ''}.` };
  const sites: Site[] = [];
  for (const d of entries) {
    const node = d.resource.node.getIn(['metadata', 'name'], true) as Node | undefined;
    if (node) sites.push({ entry: d, node });
    for (const r of g.nameReferencesTo(d)) sites.push({ entry: r.source, node: r.node });
  }
  return { edit: edits(g, sites, newName) };
}

/** The equality map of a selector that a label rename edits (Service selector, matchLabels). */
function equalityMap(r: SelectorReference): YAMLMap | undefined {
  if (r.relation.form === 'map') return isMap(r.node) ? r.node : undefined;
  if (r.relation.form === 'labelSelector' && isMap(r.node)) {
    const m = r.node.get('matchLabels', true);
    return isMap(m) ? m : undefined;
  }
  return undefined;
}

function renamed(labels: Labels, k: string, v: string, nk: string, nv: string): Labels {
  if (labels[k] !== v) return labels;
  const out: Labels = {};
  for (const [a, b] of Object.entries(labels)) if (a === k) out[nk] = nv;
  else out[a] = b;
  return out;
}

function labelsOf(cls: string, e: IndexedResource): Labels {
  if (cls === 'pods') return e.template?.labels ?? {};
  return cls === '/Namespace' ? namespaceLabels(e) : e.labels;
}

function labelNode(cls: string, e: IndexedResource, key: string, onKey: boolean): Node | undefined {
  const map = cls === 'pods' ? e.template?.labelsNode : e.resource.node.getIn(['metadata', 'labels'], true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => String((p.key as { value?: unknown })?.value) === key);
  return (pair ? (onKey ? pair.key : pair.value) : undefined) as Node | undefined;
}

function renameLabel(g: ReferenceGraph, o: LabelOrigin, newText: string): RenameResult {
  const nk = o.onKey ? newText : o.key;
  const nv = o.onKey ? o.value : newText;
  const valid = newRequirement(nk, '=', [nv]);
  if (valid.errors.length > 0) return { error: `Invalid label: ${valid.errors[0]}` };
  const usesPair = (r: SelectorReference) => {
    const m = equalityMap(r);
    return !!m && String(m.get(o.key)) === o.value;
  };
  const selecting = (e: IndexedResource) => g.selectorsSelecting(e).filter((r) => (o.cls === 'pods' ? true : r.relation.targets !== 'pods') && usesPair(r));
  // Closure: objects carrying the label that are selected together, and the selectors selecting them by it.
  const entries = new Set<IndexedResource>();
  const selectors = new Set<SelectorReference>();
  const queue: Array<IndexedResource | SelectorReference> = [o.entry ?? o.selector!];
  while (queue.length > 0 && entries.size + selectors.size < 5000) {
    const x = queue.pop()!;
    if ('relation' in x) {
      if (selectors.has(x)) continue;
      selectors.add(x);
      for (const t of g.resolve(x)) if (labelsOf(o.cls, t.entry)[o.key] === o.value) queue.push(t.entry);
    } else {
      if (entries.has(x)) continue;
      entries.add(x);
      queue.push(...selecting(x));
    }
  }
  // Check: every selector that could see these objects must match the same objects afterwards.
  const check = new Set<SelectorReference>([...g.selectorReferences(o.cls === 'pods' ? 'pods' : o.cls)]);
  for (const e of entries) for (const r of referencesOf(e)) if (isSelector(r) && r.relation.targets === 'own-template') check.add(r);
  for (const r of check) {
    const changedSel = selectors.has(r);
    let after = r.matches;
    if (changedSel) {
      const plain = structuredClone(r.plain) as Record<string, unknown>;
      if (r.relation.form === 'map') {
        const s = selectorFromSet(renamed(plain as Labels, o.key, o.value, nk, nv));
        after = (labels) => s.matches(labels);
      } else {
        const ml = (plain.matchLabels ?? {}) as Labels;
        const s = selectorFromLabelSelector({ ...plain, matchLabels: renamed(ml, o.key, o.value, nk, nv) });
        after = (labels) => s.matches(labels);
      }
    }
    const candidates = new Set<IndexedResource>(entries);
    for (const t of g.resolve(r)) candidates.add(t.entry);
    for (const c of candidates) {
      if (r.relation.targets === 'own-template' && c !== r.source) continue;
      if (c.namespace !== undefined && !inScope(g, r, c)) continue;
      const before = g.resolve(r).some((t) => t.entry === c);
      const labels = labelsOf(o.cls, c);
      const now = after(entries.has(c) ? renamed(labels, o.key, o.value, nk, nv) : labels, c);
      if (before !== now) {
        return { error: `Renaming ${o.key}=${o.value} would change what ${describe(r.source)} (${r.relation.label}) selects: it would ${before ? 'stop selecting' : 'start selecting'} ${describe(c)}.` };
      }
    }
  }
  const sites: Site[] = [];
  for (const e of entries) {
    const n = labelNode(o.cls, e, o.key, o.onKey);
    if (n) sites.push({ entry: e, node: n });
  }
  for (const r of selectors) {
    const m = equalityMap(r);
    const pair = m?.items.find((p) => String((p.key as { value?: unknown })?.value) === o.key);
    if (pair) sites.push({ entry: r.source, node: (o.onKey ? pair.key : pair.value) as Node });
  }
  return { edit: edits(g, sites, newText) };
}

function inScope(g: ReferenceGraph, r: SelectorReference, c: IndexedResource): boolean {
  const nss = g.namespacesOf(r);
  return nss === 'all' || nss.has(c.namespace ?? 'default');
}

export function rename(ctx: FeatureContext, uri: string, position: Position, newName: string): RenameResult {
  try {
    const g = ctx.services.graph;
    const at = locate(g, uri, position);
    if (!at) return { error: 'Nothing to rename here.' };
    const n = nameTargets(g, at);
    if (n) return renameName(g, n.entries, newName);
    const l = labelOrigin(at);
    if (l) return renameLabel(g, l, newName);
    return { error: 'Nothing to rename here: place the cursor on an object name, a reference to one, or a label.' };
  } catch (err) {
    logFeatureError(ctx.log, 'textDocument/rename', err, atPosition(uri, position));
    return { error: `Rename failed: ${(err as Error).message}` };
  }
}
