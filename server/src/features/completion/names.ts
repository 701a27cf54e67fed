// Completion of what name relations point at (relations.ts rows with `by: 'name'`):
// the objects of the target kind visible from the reference's namespace, nearest
// first; the keys of the ConfigMap/Secret already named; the ports of the Service
// already named; and Service targetPort names from the selected pods.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { nodeAtPath, scalarString } from '../../model/ast';
import { kindIsNamespaced, nameNode, type IndexedResource } from '../../model/index';
import { containerPorts, isSelector, referencesOf, type SelectorReference } from '../../model/references';
import type { KindRef, NameRelation, PortNameRelation } from '../../model/relations';
import { countSort, nearness, plural, siblingValue, valueItem, whereLink, type CompletionEnv } from './modelCommon';

/** The target kind of a name relation at the cursor (kind siblings read from the text); undefined when not decidable yet. */
export function targetKind(env: CompletionEnv, rel: NameRelation, sibling: (k: string) => string | undefined): KindRef | undefined {
  if ('kind' in rel.target) return rel.target;
  const kind = sibling(rel.target.kindSibling);
  if (!kind) return undefined;
  let group = rel.target.group ?? '';
  if (rel.target.apiVersionSibling) {
    const av = sibling(rel.target.apiVersionSibling) ?? '';
    group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
  }
  return { group, kind };
}

/** The namespace a name reference looks in (undefined for cluster-scoped targets). */
function targetNamespace(env: CompletionEnv, rel: NameRelation, target: KindRef, sibling: (k: string) => string | undefined): string | undefined {
  if (!kindIsNamespaced(target.group, target.kind)) return undefined;
  return (rel.namespaceSibling && sibling(rel.namespaceSibling)) || env.namespace;
}

/** Objects of the target kind the reference can name. */
export function nameItems(env: CompletionEnv, rel: NameRelation): CompletionItem[] {
  const sibling = (k: string) => siblingValue(env, k);
  if (rel.when?.equals && !rel.when.equals.includes(sibling(rel.when.sibling) ?? '')) return [];
  const target = targetKind(env, rel, sibling);
  if (!target) return [];
  const ns = targetNamespace(env, rel, target, sibling);
  const seen = new Set<string>();
  const candidates: Array<{ e: IndexedResource; near: number }> = [];
  const self = env.entry;
  for (const e of env.ctx.services.graph.index.ofKind(target.group, target.kind)) {
    if (!e.name || e.namespace !== ns || e === self) continue;
    candidates.push({ e, near: nearness(env.uri, e.uri) });
  }
  candidates.sort((a, b) => a.near - b.near || (a.e.name < b.e.name ? -1 : a.e.name > b.e.name ? 1 : 0));
  const items: CompletionItem[] = [];
  for (const { e, near } of candidates) {
    if (seen.has(e.name)) continue; // defined twice: one item
    seen.add(e.name);
    const where = whereLink(env, e, nameNode(e.resource));
    const summary = summaryOf(e);
    items.push(
      valueItem(env, e.name, {
        kind: CompletionItemKind.Reference,
        detail: `${target.kind}${ns ? ` in ${ns}` : ''}`,
        doc: [`**${target.kind} ${e.name}** (${rel.label}) — defined in ${where}`, summary].filter(Boolean).join('\n\n'),
        sort: `${near}${String(items.length).padStart(5, '0')}`,
      }),
    );
  }
  return items;
}

/** A line about what the object holds: keys of a ConfigMap/Secret, ports of a Service. */
function summaryOf(e: IndexedResource): string {
  const keys = dataKeys(e, ['data', 'binaryData', 'stringData']).map((k) => `\`${k.key}\``);
  if (keys.length) return `Keys: ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''}`;
  const ports = servicePorts(e).map((p) => `${p.name ? `${p.name} ` : ''}${p.port ?? ''}`.trim());
  if (ports.length) return `Ports: ${ports.join(', ')}`;
  return '';
}

interface DataKey {
  key: string;
  map: string;
  node: Node;
}

function dataKeys(e: IndexedResource, maps: readonly string[]): DataKey[] {
  const out: DataKey[] = [];
  for (const m of maps) {
    const node = nodeAtPath(e.resource.node, [m]);
    if (!isMap(node)) continue;
    for (const p of node.items) {
      const k = scalarString(p.key);
      if (k !== undefined) out.push({ key: k, map: m, node: p.key as Node });
    }
  }
  return out;
}

/** The object a name reference at the cursor's map already names (for its keys and ports). */
function namedTarget(env: CompletionEnv, rel: NameRelation, sibling: (k: string) => string | undefined): { entry: IndexedResource; target: KindRef } | undefined {
  const name = sibling(rel.path.split('.').pop()!.split('|')[0]);
  if (!name) return undefined;
  const target = targetKind(env, rel, sibling);
  if (!target) return undefined;
  const found = env.ctx.services.graph.index.lookup(target.group, target.kind, targetNamespace(env, rel, target, sibling), name);
  return found.length ? { entry: found[0], target } : undefined;
}

/** Keys of the ConfigMap/Secret named next to the cursor (`configMapKeyRef: {name: x, key: |}`), or by the volume (`items[].key`). */
export function keyItems(env: CompletionEnv, rel: NameRelation, maps: readonly string[], sibling: (k: string) => string | undefined): CompletionItem[] {
  const named = namedTarget(env, rel, sibling);
  if (!named) return [];
  const seen = new Set<string>();
  return dataKeys(named.entry, maps)
    .filter((k) => !seen.has(k.key) && seen.add(k.key))
    .map((k, i) =>
      valueItem(env, k.key, {
        kind: CompletionItemKind.Field,
        detail: `${named.target.kind} ${named.entry.name} (${k.map})`,
        doc: `Key \`${k.key}\` of ${named.target.kind} **${named.entry.name}** — ${whereLink(env, named.entry, k.node)}`,
        sort: String(i).padStart(5, '0'),
      }),
    );
}

interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: string;
  node: Node;
}

function servicePorts(e: IndexedResource): ServicePort[] {
  if (e.kind !== 'Service' || e.group !== '') return [];
  const ports = nodeAtPath(e.resource.node, ['spec', 'ports']);
  if (!isSeq(ports)) return [];
  const out: ServicePort[] = [];
  for (const p of ports.items) {
    if (!isMap(p)) continue;
    const port = p.get('port', true);
    out.push({ name: scalarString(p.get('name', true)), port: isScalar(port) && typeof port.value === 'number' ? port.value : undefined, targetPort: scalarString(p.get('targetPort', true)), node: p });
  }
  return out;
}

/** Ports of the Service named by the backend (`port: {number: |}` or `{name: |}`). */
export function servicePortItems(env: CompletionEnv, rel: NameRelation, field: 'name' | 'number', outerSibling: (k: string) => string | undefined): CompletionItem[] {
  const named = namedTarget(env, rel, outerSibling);
  if (!named) return [];
  return servicePorts(named.entry)
    .filter((p) => (field === 'name' ? !!p.name : p.port !== undefined))
    .map((p, i) => {
      const label = field === 'name' ? p.name! : String(p.port);
      return valueItem(env, label, {
        kind: CompletionItemKind.Constant,
        detail: `Service ${named.entry.name}: ${p.name ? `${p.name} ` : ''}${p.port ?? ''}`,
        doc: `Port ${p.name ? `\`${p.name}\` ` : ''}${p.port ?? ''}${p.targetPort ? ` → targetPort ${p.targetPort}` : ''} of Service **${named.entry.name}** — ${whereLink(env, named.entry, p.node)}`,
        sort: String(i).padStart(5, '0'),
        insert: label,
      });
    });
}

/** Service targetPort: the container ports (names, then numbers) of the pods the Service selects. */
export function targetPortItems(env: CompletionEnv, rel: PortNameRelation): CompletionItem[] {
  if (!env.entry) return [];
  const g = env.ctx.services.graph;
  const via = referencesOf(env.entry).find((r): r is SelectorReference => isSelector(r) && r.relation.id === rel.via);
  if (!via) return [];
  const byLabel = new Map<string, { count: number; where: string; isName: boolean }>();
  for (const t of g.resolve(via)) {
    if (!t.template) continue;
    for (const p of containerPorts(t.template)) {
      for (const [label, isName] of [[p.name, true], [p.containerPort === undefined ? undefined : String(p.containerPort), false]] as const) {
        if (!label) continue;
        const hit = byLabel.get(label);
        if (hit) hit.count++;
        else byLabel.set(label, { count: 1, where: `container \`${p.container}\` of ${t.entry.kind} ${t.entry.name} — ${whereLink(env, t.entry, p.nameNode ?? t.template.node)}`, isName });
      }
    }
  }
  return [...byLabel.entries()].map(([label, v]) =>
    valueItem(env, label, {
      kind: CompletionItemKind.Constant,
      detail: `${v.isName ? 'named ' : ''}container port · ${plural(v.count, 'pod template')}`,
      doc: `Container port ${v.isName ? `named \`${label}\`` : label} of the pods this Service selects: ${v.where}`,
      sort: `${v.isName ? 0 : 1}${countSort(v.count, label)}`,
      insert: label,
    }),
  );
}
