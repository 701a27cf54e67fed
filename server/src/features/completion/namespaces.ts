// Namespace completion: at a resource's `metadata.namespace`, at the `namespace`
// field of a reference (subjects, refs of custom resources), and in namespace
// lists (pod-affinity `namespaces`, `namespaceSelector.matchNames`), the
// namespaces the workspace knows — Namespace objects and the namespaces objects
// are in — each documented with where it comes from and how many objects it holds.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { isDNS1123Label } from '../../k8s/validation/names';
import { kindIsNamespaced, nameNode, type IndexedResource } from '../../model/index';
import { countSort, plural, valueItem, whereLink, type CompletionEnv } from './modelCommon';
import type { PathSegment } from './position';

/** Maps whose keys are free-form (a `namespace:` key there is data, not a namespace field). */
const FREE_FORM_MAPS = new Set(['labels', 'annotations', 'data', 'stringData', 'binaryData', 'matchLabels', 'selector', 'nodeSelector', 'parameters']);

/** Whether the cursor (a value, or a `- ` item) is where a namespace name goes. */
export function isNamespaceSite(env: CompletionEnv, path: readonly PathSegment[]): boolean {
  const site = env.site;
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    // A list item: `namespaces: [..]` of an affinity term, `namespaceSelector.matchNames`.
    if (!(site.type === 'value' || site.startsItem)) return false;
    const list = path[path.length - 2];
    return list === 'namespaces' || (list === 'matchNames' && path[path.length - 3] === 'namespaceSelector');
  }
  if (site.type !== 'value' || last !== 'namespace') return false;
  const parent = path[path.length - 2];
  if (parent === 'metadata') return path.length === 2 && kindIsNamespaced(env.group, env.kind); // a template's metadata.namespace is ignored
  return path.length >= 2 && !(typeof parent === 'string' && FREE_FORM_MAPS.has(parent));
}

interface KnownNamespace {
  name: string;
  /** The Namespace object declaring it, when the workspace has one. */
  declared?: IndexedResource;
  objects: ReadonlySet<IndexedResource>;
}

const NO_OBJECTS: ReadonlySet<IndexedResource> = new Set();

/** The namespaces of the workspace: one entry per Namespace object or namespace in use (cost: the number of namespaces). */
function knownNamespaces(env: CompletionEnv): KnownNamespace[] {
  const index = env.ctx.services.graph.index;
  const out = new Map<string, KnownNamespace>();
  for (const e of index.ofKind('', 'Namespace')) if (e.name && !out.has(e.name)) out.set(e.name, { name: e.name, declared: e, objects: NO_OBJECTS });
  for (const [name, objects] of index.namespaces()) {
    const known = out.get(name);
    if (known) known.objects = objects;
    else out.set(name, { name, objects });
  }
  return [...out.values()].filter((n) => isDNS1123Label(n.name).length === 0);
}

function firstOf<T>(set: ReadonlySet<T>): T | undefined {
  for (const v of set) return v;
  return undefined;
}

/** The known namespaces as value items. */
export function namespaceItems(env: CompletionEnv): CompletionItem[] {
  return knownNamespaces(env).map((n) => {
    const example = firstOf(n.objects);
    const origin = n.declared
      ? `Namespace object in ${whereLink(env, n.declared, nameNode(n.declared.resource))}`
      : n.name === 'default'
        ? 'the default namespace (objects without `metadata.namespace` are in it)'
        : 'no Namespace object in the workspace; objects use it';
    const holds = example ? `${plural(n.objects.size, 'object')} in it, e.g. ${example.kind} ${example.name || '(unnamed)'} — ${whereLink(env, example, nameNode(example.resource))}` : 'no objects in it yet';
    return valueItem(env, n.name, {
      kind: CompletionItemKind.Module,
      detail: `namespace · ${plural(n.objects.size, 'object')}${n.declared ? '' : ' · no Namespace object'}`,
      doc: `**Namespace ${n.name}** — ${origin}.\n\n${holds}`,
      // Declared namespaces first, then by how many objects they hold.
      sort: `${n.declared ? 0 : 1}${countSort(n.objects.size, n.name)}`,
    });
  });
}
