// Completion from the workspace model. Every row of the relations table
// (model/relations.ts) is a source: the cursor's path is matched against each
// row's path (rooted at every pod spec for `pod-spec` rows), and what the row
// points at is offered — names of the target kind, keys or ports of the object
// already named, label keys/values of what a selector selects, node labels,
// taints. Nothing here is written for a particular relation; the few sites not
// in the table (a pod template's own labels, namespace fields) are structural.

import type { CompletionItem } from 'vscode-languageserver-types';
import { podHolderOf, RELATIONS, pathSegments, type NameRelation, type Relation, type SelectorRelation } from '../../model/relations';
import { labelKeyItems, labelSource, labelValueItems, templateLabelPairItems, templateLabelValueItems, type LabelSource } from './labels';
import { readAt, siblingValue, unquote, type CompletionEnv } from './modelCommon';
import { isNamespaceSite, namespaceItems } from './namespaces';
import { keyItems, nameItems, servicePortItems, targetPortItems } from './names';
import { nodeLabelSource, nodeNameItems, tolerationItems, tolerationValueItems } from './nodes';
import type { PathSegment } from './position';

/** Pure cache: a relation path string -> its parsed segments (a function of the string). */
const SEGMENTS = new Map<string, string[][]>();
function segmentsOf(path: string): string[][] {
  let s = SEGMENTS.get(path);
  if (!s) SEGMENTS.set(path, (s = pathSegments(path)));
  return s;
}

/** Whether `path` starts with the pattern (`*` matches an index, `a|b` either key). */
function startsWith(path: readonly PathSegment[], pattern: readonly string[][]): boolean {
  if (path.length < pattern.length) return false;
  return pattern.every((alts, i) => (alts.length === 1 && alts[0] === '*' ? typeof path[i] === 'number' : typeof path[i] === 'string' && alts.includes(path[i] as string)));
}

/** The rows that apply to a kind, each with its full path pattern (pod-spec rows rooted at the pod spec); cached per kind. Pure cache: its keys are never modified once built. */
const ROWS_BY_KIND = new Map<string, Array<{ rel: Relation; pattern: string[][] }>>();
function rowsFor(group: string, kind: string): Array<{ rel: Relation; pattern: string[][] }> {
  const k = `${group}/${kind}`;
  let rows = ROWS_BY_KIND.get(k);
  if (rows) return rows;
  rows = [];
  const holder = podHolderOf(group, kind);
  for (const rel of RELATIONS) {
    if (rel.from === 'pod-spec') {
      if (holder) rows.push({ rel, pattern: [...[...holder.templatePath, 'spec'].map((s) => [s]), ...segmentsOf(rel.path)] });
    } else if (rel.from.kinds.some((r) => r.kind === kind && r.group === group)) rows.push({ rel, pattern: segmentsOf(rel.path) });
  }
  if (ROWS_BY_KIND.size < 1000) ROWS_BY_KIND.set(k, rows);
  return rows;
}

/** A sibling of a map at `mapPath` (relative to the resource): the flow scanner's keys when that is the enclosing map, else the AST. */
function siblingOf(env: CompletionEnv, mapPath: readonly PathSegment[], useOuter: boolean) {
  return (key: string): string | undefined => {
    const outer = useOuter ? env.site.outer?.get(key)?.value : undefined;
    return outer ? unquote(outer) : readAt(env, [...mapPath, key]);
  };
}

function nameRelationItems(env: CompletionEnv, rel: NameRelation, pattern: string[][], path: PathSegment[]): CompletionItem[] | undefined {
  const isValue = env.site.type === 'value' || env.site.startsItem;
  if (!isValue) return undefined;
  const n = pattern.length;
  if (path.length === n && startsWith(path, pattern)) return nameItems(env, rel);
  const parent = pattern.slice(0, -1);
  const last = path[path.length - 1];
  if (rel.key && path.length === n && startsWith(path, parent) && last === rel.key.sibling) {
    return keyItems(env, rel, rel.key.in, (k) => siblingValue(env, k));
  }
  if (rel.itemKeys && path.length === n + 2 && startsWith(path, parent) && path[n - 1] === rel.itemKeys.list && typeof path[n] === 'number' && last === 'key') {
    return keyItems(env, rel, rel.itemKeys.in, siblingOf(env, path.slice(0, n - 1), false));
  }
  if (rel.servicePort && path.length === n + 1 && startsWith(path, parent) && path[n - 1] === rel.servicePort.sibling && (last === 'name' || last === 'number')) {
    return servicePortItems(env, rel, last, siblingOf(env, path.slice(0, n - 1), true));
  }
  return undefined;
}

/** Label sites inside a labelSelector (`matchLabels`, `matchExpressions`) or a node selector term. */
function selectorTermItems(env: CompletionEnv, rest: PathSegment[], base: PathSegment[], src: () => LabelSource | undefined, present: ReadonlySet<string>): CompletionItem[] | undefined {
  const site = env.site;
  const isValue = site.type === 'value' || site.startsItem;
  if (rest.length === 1 && rest[0] === 'matchLabels' && site.type === 'key' && !site.startsItem) {
    const s = src();
    return s ? labelKeyItems(env, s, present, false) : undefined;
  }
  if (rest.length === 2 && rest[0] === 'matchLabels' && site.type === 'value') {
    const s = src();
    return s ? labelValueItems(env, s, String(rest[1])) : undefined;
  }
  if ((rest[0] === 'matchExpressions' || rest[0] === 'matchFields') && typeof rest[1] === 'number' && isValue) {
    const exprPath = [...base, rest[0], rest[1]];
    const sibling = siblingOf(env, exprPath, rest.length === 4);
    if (rest[0] === 'matchFields') return rest[2] === 'values' && sibling('key') === 'metadata.name' ? nodeNameItems(env) : undefined;
    const s = src();
    if (!s) return undefined;
    if (rest.length === 3 && rest[2] === 'key' && site.type === 'value') return labelKeyItems(env, s, new Set(), true);
    if (rest.length === 4 && rest[2] === 'values' && typeof rest[3] === 'number') {
      const key = sibling('key');
      return key ? labelValueItems(env, s, key) : undefined;
    }
  }
  return undefined;
}

function selectorRelationItems(env: CompletionEnv, rel: SelectorRelation, pattern: string[][], path: PathSegment[]): CompletionItem[] | undefined {
  if (!startsWith(path, pattern)) return undefined;
  const selectorPath = path.slice(0, pattern.length);
  const rest = path.slice(pattern.length);
  const site = env.site;
  const isNode = typeof rel.targets === 'object' && rel.targets.kind === 'Node' && rel.targets.group === '';
  const src = () => (isNode ? nodeLabelSource(env) : labelSource(env, rel, selectorPath));
  const present = new Set([...site.siblings.keys()]);
  switch (rel.form) {
    case 'map':
      if (rest.length === 0 && site.type === 'key' && !site.startsItem) {
        const s = src();
        return s ? labelKeyItems(env, s, present, false) : undefined;
      }
      if (rest.length === 1 && site.type === 'value') {
        const s = src();
        return s ? labelValueItems(env, s, String(rest[0])) : undefined;
      }
      return undefined;
    case 'labelSelector':
      return selectorTermItems(env, rest, selectorPath, src, present);
    case 'nodeSelectorTerms':
      return typeof rest[0] === 'number' ? selectorTermItems(env, rest.slice(1), [...selectorPath, rest[0]], src, present) : undefined;
    case 'nodeSelectorTerm':
      return selectorTermItems(env, rest, selectorPath, src, present);
    case 'toleration':
      if (rest.length === 0 && site.type === 'key' && site.startsItem && site.siblings.size === 0 && !site.flow) return tolerationItems(env, site.col);
      if (rest.length === 1 && site.type === 'value' && (rest[0] === 'key' || rest[0] === 'value' || rest[0] === 'effect')) return tolerationValueItems(env, rest[0], (k) => siblingValue(env, k));
      return undefined;
  }
}

/** A pod template's own labels: the pairs selectors pointing at the workload expect. */
function templateLabelItems(env: CompletionEnv, path: PathSegment[]): CompletionItem[] | undefined {
  const holder = podHolderOf(env.group, env.kind);
  if (!holder) return undefined;
  const labelsPath = [...holder.templatePath, 'metadata', 'labels'];
  if (!startsWith(path, labelsPath.map((s) => [s]))) return undefined;
  const site = env.site;
  if (path.length === labelsPath.length && site.type === 'key' && !site.startsItem) return templateLabelPairItems(env, holder, new Set(site.siblings.keys()));
  if (path.length === labelsPath.length + 1 && site.type === 'value') return templateLabelValueItems(env, holder, String(path[path.length - 1]));
  return undefined;
}

/**
 * Items the model offers at the cursor, or undefined when no relation applies
 * there. `path` is relative to the resource (after a List item's prefix).
 */
export function modelCompletions(env: CompletionEnv, path: PathSegment[]): CompletionItem[] | undefined {
  if (!env.kind) return undefined;
  let out: CompletionItem[] | undefined;
  const add = (items: CompletionItem[] | undefined) => {
    if (items) out = [...(out ?? []), ...items];
  };
  for (const { rel, pattern } of rowsFor(env.group, env.kind)) {
    if (rel.by === 'name') add(nameRelationItems(env, rel, pattern, path));
    else if (rel.by === 'selector') add(selectorRelationItems(env, rel, pattern, path));
    else if (env.site.type === 'value' && path.length === pattern.length && startsWith(path, pattern)) add(targetPortItems(env, rel));
  }
  add(templateLabelItems(env, path));
  if (isNamespaceSite(env, path)) add(namespaceItems(env));
  return out;
}
