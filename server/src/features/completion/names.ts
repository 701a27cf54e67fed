// Completion of what name relations point at (relations.ts rows with `by: 'name'`):
// the objects of the target kind visible from the reference's namespace, nearest
// first — at a kind + name reference with no kind yet, those of every kind it may
// name, writing the kind siblings on accept; the keys of the ConfigMap/Secret
// already named; the ports of the Service already named; and Service targetPort
// names from the selected pods. In files Kustomize overlays render, overlay.ts adds
// what they make.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { CompletionItemKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { nodeAtPath, scalarString } from '../../model/ast';
import { kindIsNamespaced, nameNode, type IndexedResource } from '../../model/index';
import { containerPorts, isSelector, referencesOf, type SelectorReference } from '../../model/references';
import type { KindRef, NameRelation, PortNameRelation } from '../../model/relations';
import { overlayKeyItems, withOverlayNames } from './overlay';
import { countSort, nearness, plural, siblingValue, valueItem, whereLink, yamlString, type CompletionEnv } from './modelCommon';

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

/** The namespace a name reference looks in (undefined for cluster-scoped targets, `*` for any). */
function targetNamespace(env: CompletionEnv, rel: NameRelation, target: KindRef, sibling: (k: string) => string | undefined): string | undefined {
  if (!kindIsNamespaced(target.group, target.kind)) return undefined;
  const written = rel.namespaceSibling && sibling(rel.namespaceSibling);
  if (written) return written;
  // A cluster-scoped referrer (ClusterRoleBinding subjects) names the namespace: any one will do, and is written.
  if (rel.namespaceSibling && !kindIsNamespaced(env.group, env.kind)) return ANY_NAMESPACE;
  return env.namespace;
}

const ANY_NAMESPACE = '*';

/** Whether the map being completed has the key (even with an empty value): such a key is never written twice. */
function isWritten(env: CompletionEnv, key: string): boolean {
  return env.site.siblings.has(key) || siblingValue(env, key) !== undefined;
}

/** Siblings a chosen item writes beside the name (the kind of a kind-less reference, its apiVersion or apiGroup, a namespace). */
type SiblingWrites = Array<[key: string, value: string]>;

/** Objects of the target kind the reference can name; before a kind is written, objects of every kind it may name. */
export function nameItems(env: CompletionEnv, rel: NameRelation): CompletionItem[] {
  const sibling = (k: string) => siblingValue(env, k);
  const writes: SiblingWrites = [];
  if (rel.when?.equals) {
    const condition = sibling(rel.when.sibling);
    // Not written yet: the item writes it (a subject's `kind: ServiceAccount`).
    if (!isWritten(env, rel.when.sibling)) writes.push([rel.when.sibling, rel.when.equals[0]]);
    else if (!rel.when.equals.includes(condition ?? '')) return [];
  }
  const target = targetKind(env, rel, sibling);
  if (target && !('kind' in rel.target) && rel.target.apiVersionSibling && !isWritten(env, rel.target.apiVersionSibling)) {
    // `{kind: Deployment, name: |}`: the kind is written, its apiVersion not yet; the choice with that kind supplies it.
    const apiVersionSibling = rel.target.apiVersionSibling;
    const choice = rel.target.choices?.find((c) => c.kind === target.kind && (!c.fromKinds || c.fromKinds.includes(env.kind)));
    return choice ? objectItems(env, rel, choice, sibling, [...writes, [apiVersionSibling, choice.apiVersion]], 0) : [];
  }
  if (target) return objectItems(env, rel, target, sibling, writes, 0);
  if ('kind' in rel.target || !rel.target.choices || isWritten(env, rel.target.kindSibling)) return [];
  const from = rel.target;
  const items: CompletionItem[] = [];
  for (const choice of rel.target.choices) {
    if (choice.fromKinds && !choice.fromKinds.includes(env.kind)) continue;
    const kindWrites: SiblingWrites = [...writes, [from.kindSibling, choice.kind]];
    if (from.apiVersionSibling && !isWritten(env, from.apiVersionSibling)) kindWrites.push([from.apiVersionSibling, choice.apiVersion]);
    if (from.apiGroupSibling && !isWritten(env, from.apiGroupSibling)) kindWrites.push([from.apiGroupSibling, choice.group]);
    items.push(...objectItems(env, rel, choice, sibling, kindWrites, items.length));
  }
  return items;
}

/** One item per object of `target` visible from the reference, nearest first; accepting one also writes `writes`. */
function objectItems(env: CompletionEnv, rel: NameRelation, target: KindRef, sibling: (k: string) => string | undefined, writes: SiblingWrites, first: number): CompletionItem[] {
  const ns = targetNamespace(env, rel, target, sibling);
  const seen = new Set<string>();
  const candidates: Array<{ e: IndexedResource; near: number }> = [];
  const self = env.entry;
  for (const e of env.ctx.services.graph.index.ofKind(target.group, target.kind)) {
    if (!e.name || (ns !== ANY_NAMESPACE && e.namespace !== ns) || e === self) continue;
    candidates.push({ e, near: nearness(env.uri, e.uri) });
  }
  candidates.sort((a, b) => a.near - b.near || (a.e.name < b.e.name ? -1 : a.e.name > b.e.name ? 1 : 0));
  const items: CompletionItem[] = [];
  for (const { e, near } of candidates) {
    const key = ns === ANY_NAMESPACE ? `${e.namespace}/${e.name}` : e.name;
    if (seen.has(key)) continue; // defined twice: one item
    seen.add(key);
    const where = whereLink(env, e, nameNode(e.resource));
    const summary = summaryOf(e);
    const itemWrites: SiblingWrites = ns === ANY_NAMESPACE && rel.namespaceSibling && e.namespace && !isWritten(env, rel.namespaceSibling) ? [...writes, [rel.namespaceSibling, e.namespace]] : writes;
    const also = itemWrites.length ? `Also writes ${itemWrites.map(([k, v]) => `\`${k}: ${v}\``).join(', ')}.` : '';
    const item = valueItem(env, e.name, {
      kind: CompletionItemKind.Reference,
      detail: `${target.kind}${e.namespace ? ` in ${e.namespace}` : ''}`,
      doc: [`**${target.kind} ${e.name}** (${rel.label}) — defined in ${where}`, summary, also].filter(Boolean).join('\n\n'),
      sort: `${near}${String(first + items.length).padStart(5, '0')}`,
    });
    if (itemWrites.length) {
      const edits = siblingInsertions(env, rel, itemWrites);
      if (!edits) continue; // the siblings cannot be written from here: offering the name alone would leave the reference incomplete
      item.additionalTextEdits = edits;
      // Objects of different kinds may share a name: the kind tells them apart.
      item.labelDetails = { description: target.kind };
    }
    items.push(item);
  }
  // In a file Kustomize overlays render: the rendered names, and what only the overlays make (generated ConfigMaps/Secrets).
  return ns !== ANY_NAMESPACE && writes.length === 0 ? withOverlayNames(env, target, items) : items;
}

/**
 * Insertions writing `writes` as siblings of the name being completed, just
 * before its key on the cursor's line (`- kind: Role\n  name: |`, `{kind: Role, name: |}`):
 * text is only inserted, so comments and the rest of the map stay as written.
 */
function siblingInsertions(env: CompletionEnv, rel: NameRelation, writes: SiblingWrites): TextEdit[] | undefined {
  const site = env.site;
  if (site.type !== 'value') return undefined;
  const file = env.ctx.workspace.get(env.uri);
  if (!file) return undefined;
  const lineStart = file.lines.offsetAt({ line: env.line, character: 0 });
  const lineText = file.text.slice(lineStart, lineStart + site.replace[0]);
  const nameKey = rel.path.split('.').pop()!.split('|')[0];
  const pairs = writes.map(([k, v]) => `${k}: ${yamlString(v)}`);
  if (!site.flow) {
    const at = { line: env.line, character: site.col };
    return [{ range: { start: at, end: at }, newText: pairs.map((p) => `${p}\n${' '.repeat(site.col)}`).join('') }];
  }
  // Flow: the key is on the cursor's line before the value (`{name: |}`); on an earlier line it is not written from here.
  const m = new RegExp(`(^|[{,\\s])${nameKey}\\s*:\\s*$`).exec(lineText);
  if (!m) return undefined;
  const at = { line: env.line, character: m.index + m[1].length };
  return [{ range: { start: at, end: at }, newText: pairs.map((p) => `${p}, `).join('') }];
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
function namedTarget(env: CompletionEnv, rel: NameRelation, sibling: (k: string) => string | undefined): { entry?: IndexedResource; target: KindRef; name: string } | undefined {
  const name = sibling(rel.path.split('.').pop()!.split('|')[0]);
  if (!name) return undefined;
  const target = targetKind(env, rel, sibling);
  if (!target) return undefined;
  const found = env.ctx.services.graph.index.lookup(target.group, target.kind, targetNamespace(env, rel, target, sibling), name);
  return { entry: found[0], target, name };
}

/** Keys of the ConfigMap/Secret named next to the cursor (`configMapKeyRef: {name: x, key: |}`), or by the volume (`items[].key`). */
export function keyItems(env: CompletionEnv, rel: NameRelation, maps: readonly string[], sibling: (k: string) => string | undefined): CompletionItem[] {
  const named = namedTarget(env, rel, sibling);
  if (!named) return [];
  const entry = named.entry;
  // Not in the workspace: an object Kustomize overlays generate (configMapGenerator), keys as rendered.
  if (!entry) return overlayKeyItems(env, named.target, named.name, maps);
  const seen = new Set<string>();
  return dataKeys(entry, maps)
    .filter((k) => !seen.has(k.key) && seen.add(k.key))
    .map((k, i) =>
      valueItem(env, k.key, {
        kind: CompletionItemKind.Field,
        detail: `${named.target.kind} ${entry.name} (${k.map})`,
        doc: `Key \`${k.key}\` of ${named.target.kind} **${entry.name}** — ${whereLink(env, entry, k.node)}`,
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
  const found = namedTarget(env, rel, outerSibling);
  if (!found?.entry) return [];
  const named = { entry: found.entry, target: found.target };
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
