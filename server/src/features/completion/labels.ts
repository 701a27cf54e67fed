// Label completion. In a selector (any `by: 'selector'` row of relations.ts that
// selects by labels): the label keys, then the values those keys have on what the
// selector can select — pod templates of the namespaces in scope, the workload's
// own template, Namespaces, Services — each with how many objects the pair
// selects. In a pod template's labels: the pairs the selectors pointing at this
// workload expect.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { IndexedResource, PodTemplate } from '../../model/index';
import { isSelector, namespaceLabels, referencesOf, type SelectorReference } from '../../model/references';
import type { PathSegment } from '../../model/ast';
import type { PodHolder, SelectorRelation } from '../../model/relations';
import { labelTableOf, podLabelIndex, type LabelTable } from './facts';
import { countSort, keyItem, plural, valueItem, whereLink, yamlString, type CompletionEnv } from './modelCommon';

/** What a selector's labels are read from, and how its objects are described. */
export interface LabelSource {
  table: LabelTable<unknown>;
  /** "pod template", "Namespace", … */
  noun: string;
  /** Where an object comes from (file and line), for the documentation. */
  where: (item: unknown) => string;
  /** Pods behind an object (replicas), when the objects are pod templates. */
  pods?: (item: unknown) => number;
  scope: string;
}

/** The namespaces a pod selector at `selectorPath` looks in, from its extracted reference when there is one. */
function podNamespaces(env: CompletionEnv, rel: SelectorRelation, selectorPath: readonly PathSegment[]): string[] | 'all' {
  const rule = rel.namespaces ?? 'same';
  if (rule === 'same') return [env.namespace];
  if (rule === 'cluster') return 'all';
  const ref = env.entry ? referencesOf(env.entry).find((r): r is SelectorReference => isSelector(r) && r.relation === rel && samePath(r.path, selectorPath)) : undefined;
  if (!ref) return [env.namespace];
  const nss = env.ctx.services.graph.namespacesOf(ref);
  return nss === 'all' ? 'all' : [...nss];
}

function samePath(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function templateWhere(env: CompletionEnv) {
  return (t: unknown) => {
    const tpl = t as PodTemplate;
    return `${tpl.owner.kind} ${tpl.owner.name}${tpl.owner.namespace && tpl.owner.namespace !== env.namespace ? ` (${tpl.owner.namespace})` : ''} — ${whereLink(env, tpl.owner, tpl.labelsNode ?? tpl.node)}`;
  };
}

/** The labels a selector relation can select, in the scope of the reference at the cursor. */
export function labelSource(env: CompletionEnv, rel: SelectorRelation, selectorPath: readonly PathSegment[]): LabelSource | undefined {
  const t = rel.targets;
  const g = env.ctx.services.graph;
  const entryWhere = (e: unknown) => `${(e as IndexedResource).kind} ${(e as IndexedResource).name} — ${whereLink(env, e as IndexedResource, (e as IndexedResource).resource.node.get('metadata', true) as never)}`;
  if (t === 'pods') {
    const nss = podNamespaces(env, rel, selectorPath);
    const index = podLabelIndex(env.ctx);
    const names = nss === 'all' ? index.namespaces() : nss;
    const table: LabelTable<unknown> = nss === 'all' ? index.all() : names.length === 1 ? index.namespace(names[0]) : mergeTables(names.map((n) => index.namespace(n)));
    return { table, noun: 'pod template', where: templateWhere(env), pods: (x) => (x as PodTemplate).replicas, scope: nss === 'all' ? 'all namespaces' : names.length === 1 ? `namespace ${names[0]}` : `namespaces ${names.join(', ')}` };
  }
  if (t === 'own-template') {
    const tpl = env.entry?.template;
    if (!tpl) return undefined;
    return { table: labelTableOf([[tpl, tpl.labels]]), noun: 'pod template', where: templateWhere(env), pods: (x) => (x as PodTemplate).replicas, scope: `this ${env.kind}'s pod template (the selector must match it)` };
  }
  if (t.kind === 'Node' && t.group === '') return undefined; // nodes.ts
  if (t.kind === 'Namespace' && t.group === '') {
    const declared = [...g.index.ofKind('', 'Namespace')].filter((e) => e.name);
    const items: Array<[unknown, Record<string, string>]> = declared.map((e) => [e, namespaceLabels(e)]);
    // Namespaces only used by objects still carry the label the API server sets.
    const declaredNames = new Set(declared.map((e) => e.name));
    for (const ns of podLabelIndex(env.ctx).namespaces()) if (!declaredNames.has(ns)) items.push([ns, { 'kubernetes.io/metadata.name': ns }]);
    return { table: labelTableOf(items), noun: 'namespace', where: (x) => (typeof x === 'string' ? `namespace ${x} (used by objects; no Namespace object)` : entryWhere(x)), scope: 'all namespaces' };
  }
  const nss = podNamespaces(env, rel, selectorPath);
  const objects = [...g.index.ofKind(t.group, t.kind)].filter((e) => nss === 'all' || nss.includes(e.namespace ?? ''));
  return { table: labelTableOf(objects.map((e) => [e, e.labels])), noun: t.kind, where: entryWhere, scope: nss === 'all' ? 'all namespaces' : `namespace ${nss.join(', ')}` };
}

function mergeTables(tables: LabelTable<unknown>[]): LabelTable<unknown> {
  const out: LabelTable<unknown> = new Map();
  for (const t of tables) {
    for (const [k, values] of t) {
      let o = out.get(k);
      if (!o) out.set(k, (o = new Map<string, Set<unknown>>()));
      for (const [v, set] of values) {
        let s = o.get(v);
        if (!s) o.set(v, (s = new Set()));
        for (const x of set) s.add(x);
      }
    }
  }
  return out;
}

function countText(src: LabelSource, set: ReadonlySet<unknown>): string {
  const pods = src.pods ? [...set].reduce((n: number, x) => n + src.pods!(x), 0) : undefined;
  return `${plural(set.size, src.noun)}${pods !== undefined ? ` · ${plural(pods, 'pod')}` : ''}`;
}

function examples(src: LabelSource, set: ReadonlySet<unknown>): string {
  const list = [...set].slice(0, 5).map((x) => `- ${src.where(x)}`);
  return list.join('\n') + (set.size > 5 ? `\n- … and ${set.size - 5} more` : '');
}

/** Label keys. `asValue`: the key is a scalar value (`matchExpressions[].key`), not a map key. */
export function labelKeyItems(env: CompletionEnv, src: LabelSource, present: ReadonlySet<string>, asValue: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [key, values] of src.table) {
    if (present.has(key)) continue;
    const all = new Set<unknown>();
    for (const set of values.values()) for (const x of set) all.add(x);
    const valueList = [...values.keys()].slice(0, 8).map((v) => `\`${v}\``).join(', ') + (values.size > 8 ? ', …' : '');
    const opts =
      all.size === 0
        ? { detail: 'well-known label key', doc: `Well-known label \`${key}\`: nothing in ${src.scope} carries it yet.`, sort: countSort(0, key) }
        : {
            detail: `label key · ${countText(src, all)}`,
            doc: `Label \`${key}\` is set on ${countText(src, all)} in ${src.scope}. Values: ${valueList}\n\n${examples(src, all)}`,
            sort: countSort(all.size, key),
          };
    items.push(asValue ? valueItem(env, key, { ...opts, kind: CompletionItemKind.Property }) : keyItem(env, key, opts));
  }
  return items;
}

/** Values of `key` with how many objects each `key=value` pair selects. */
export function labelValueItems(env: CompletionEnv, src: LabelSource, key: string, exclude: ReadonlySet<string> = new Set()): CompletionItem[] {
  const values = src.table.get(key);
  if (!values) return [];
  const items: CompletionItem[] = [];
  for (const [value, set] of values) {
    if (exclude.has(value)) continue;
    items.push(
      valueItem(env, value, {
        kind: CompletionItemKind.Value,
        detail: `selects ${countText(src, set)}`,
        doc: `\`${key}: ${value}\` selects ${countText(src, set)} in ${src.scope}:\n\n${examples(src, set)}`,
        sort: countSort(set.size, value),
      }),
    );
  }
  return items;
}

/** A label pair some selector expects on this pod template. */
interface Expected {
  key: string;
  value: string;
  by: string[];
  rank: number;
}

/** Pairs that selectors pointing at this workload expect on its pod template. */
function expectedPairs(env: CompletionEnv, holder: PodHolder): Expected[] {
  const e = env.entry;
  const tpl = e?.template;
  if (!e || !tpl || tpl.holder !== holder) return [];
  const out = new Map<string, Expected>();
  const add = (key: string, value: string, by: string, rank: number) => {
    const k = `${key}=${value}`;
    const hit = out.get(k);
    if (hit) {
      hit.by.push(by);
      hit.rank = Math.min(hit.rank, rank);
    } else out.set(k, { key, value, by: [by], rank });
  };
  // The workload's own selector must match its template.
  for (const r of referencesOf(e)) {
    if (isSelector(r) && r.relation.targets === 'own-template') for (const [k, v] of r.equalities) add(k, v, `this ${e.kind}'s ${r.relation.label} — ${whereLink(env, e, r.node)}`, 0);
  }
  // Selectors of the namespace that share a pair with the template, or are named like the workload.
  const g = env.ctx.services.graph;
  for (const r of g.selectorReferences('pods')) {
    if (r.source === e || r.equalities.length === 0) continue;
    const nss = g.namespacesOf(r);
    if (nss !== 'all' && !nss.has(tpl.namespace)) continue;
    const shares = r.equalities.some(([k, v]) => tpl.labels[k] === v);
    if (!shares && r.source.name !== e.name) continue;
    for (const [k, v] of r.equalities) add(k, v, `${r.source.kind} ${r.source.name} (${r.relation.label}) — ${whereLink(env, r.source, r.node)}`, shares ? 1 : 2);
  }
  return [...out.values()];
}

/** Key site in a pod template's labels: whole `key: value` pairs expected by selectors. */
export function templateLabelPairItems(env: CompletionEnv, holder: PodHolder, present: ReadonlySet<string>): CompletionItem[] {
  return expectedPairs(env, holder)
    .filter((p) => !present.has(p.key))
    .map((p) => {
      const item = keyItem(env, `${p.key}: ${p.value}`, {
        detail: `expected by ${plural(p.by.length, 'selector')}`,
        doc: `Selected by:\n\n${p.by.map((b) => `- ${b}`).join('\n')}`,
        sort: `${p.rank}${countSort(p.by.length, p.key)}`,
      });
      item.textEdit!.newText = `${/^[\w./-]+$/.test(p.key) ? p.key : JSON.stringify(p.key)}: ${yamlString(p.value)}`;
      item.command = undefined;
      return item;
    });
}

/** Value site in a pod template's labels: values expected by selectors, then values used by other pods. */
export function templateLabelValueItems(env: CompletionEnv, holder: PodHolder, key: string): CompletionItem[] {
  const expected = expectedPairs(env, holder).filter((p) => p.key === key);
  const items = expected.map((p) =>
    valueItem(env, p.value, {
      kind: CompletionItemKind.Value,
      detail: `expected by ${plural(p.by.length, 'selector')}`,
      doc: `Selected by:\n\n${p.by.map((b) => `- ${b}`).join('\n')}`,
      sort: `0${p.rank}${countSort(p.by.length, p.value)}`,
    }),
  );
  const index = podLabelIndex(env.ctx);
  const src: LabelSource = { table: index.namespace(env.namespace), noun: 'pod template', where: templateWhere(env), pods: (x) => (x as PodTemplate).replicas, scope: `namespace ${env.namespace}` };
  for (const item of labelValueItems(env, src, key, new Set(expected.map((p) => p.value)))) {
    item.sortText = `1${item.sortText}`;
    item.detail = `used by ${item.detail!.replace(/^selects /, '')}`;
    items.push(item);
  }
  return items;
}
