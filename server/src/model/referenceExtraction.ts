// Reference extraction: applies the relation table (relations.ts) to one
// indexed resource and yields its outgoing references (name references,
// selectors, Service targetPort names). Results are cached on the parsed
// document, which survives edits elsewhere in the file. Nothing here looks at
// other resources: resolution and reverse maps live in references.ts.

import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { termMatches } from '../k8s/nodeAffinity';
import { toleratesTaint } from '../k8s/taints';
import { EVERYTHING, newRequirement, NOTHING, Selector, selectorFromLabelSelector, selectorFromSet, type Operator, type Requirement } from '../k8s/selector';
import { nodeAtPath, scalarString, type PathSegment } from './ast';
import { kindIsNamespaced, type IndexedResource, type Labels } from './index';
import { DocCacheSlot, toPlain } from './parse';
import { taintsOf } from './referenceTargets';
import { pathSegments, RELATIONS, type KindRef, type NameRelation, type PortNameRelation, type Relation, type SelectorRelation, type SiblingCondition } from './relations';

/** Which namespaces a selector reference looks in. */
export type NamespaceScope = { all: true } | { all: false; names: Set<string>; selector?: Selector };

export interface ReferenceBase {
  readonly source: IndexedResource;
  /** The referring node: a name scalar, a selector map, a targetPort scalar. */
  readonly node: Node;
  /** Absolute path of `node` inside the resource. */
  readonly path: PathSegment[];
  /** The map holding the last path segment (siblings). */
  readonly parent: YAMLMap;
}

export interface NameReference extends ReferenceBase {
  readonly relation: NameRelation;
  readonly name: string;
  readonly target: KindRef;
  readonly namespace?: string;
  readonly optional: boolean;
  readonly key?: { value: string; node: Node };
  readonly port?: { name?: string; number?: number; node: Node };
}

export interface SelectorReference extends ReferenceBase {
  readonly relation: SelectorRelation;
  /** Tests a candidate's labels (and, for tolerations/matchFields, the candidate itself). */
  readonly matches: (labels: Labels, candidate: IndexedResource) => boolean;
  /** Human form of the selector (`app=web,tier in (a,b)`). */
  readonly text: string;
  /** Equality pairs usable to narrow candidates, and the plain selector for rename. */
  readonly equalities: Array<[string, string]>;
  readonly plain: unknown;
  /** Label keys the selector tests. */
  readonly keys: string[];
  readonly nsRule: { names: string[]; nsSelector?: Selector; all: boolean };
}

export interface PortNameReference extends ReferenceBase {
  readonly relation: PortNameRelation;
  readonly portName: string;
}

export type Reference = NameReference | SelectorReference | PortNameReference;


function siblingValue(parent: YAMLMap, key: string): Node | undefined {
  const v = parent.get(key, true);
  return v === undefined || v === null ? undefined : (v as Node);
}

function conditionHolds(parent: YAMLMap, c: SiblingCondition | undefined): boolean {
  if (!c) return true;
  const v = siblingValue(parent, c.sibling);
  if (c.absent) return v === undefined || (isScalar(v) && v.value === null);
  return c.equals ? c.equals.includes(scalarString(v) ?? '\u0000') : true;
}

/** Visits every node matching a path pattern below `root`. */
function matchPath(root: Node | undefined, segs: string[][], base: PathSegment[], visit: (node: Node, path: PathSegment[], parent: YAMLMap) => void, i = 0): void {
  if (!root) return;
  const seg = segs[i];
  const last = i === segs.length - 1;
  if (seg.length === 1 && seg[0] === '*') {
    if (!isSeq(root)) return;
    root.items.forEach((item, idx) => {
      if (!item || last) return; // a path never ends at a sequence item without a key
      matchPath(item as Node, segs, [...base, idx], visit, i + 1);
    });
    return;
  }
  if (!isMap(root)) return;
  for (const key of seg) {
    const v = root.get(key, true) as Node | undefined | null;
    if (v === undefined || v === null) continue;
    if (last) visit(v, [...base, key], root);
    else matchPath(v, segs, [...base, key], visit, i + 1);
  }
}

/** Pure cache: a relation path string -> its parsed segments (a function of the string). */
const SEGMENTS = new Map<string, string[][]>();
function segmentsOf(path: string): string[][] {
  let s = SEGMENTS.get(path);
  if (!s) SEGMENTS.set(path, (s = pathSegments(path)));
  return s;
}

/** The pattern's last segment may be `*` (tolerations.*): the visited node is then the item. */
function matchPathItems(root: Node | undefined, path: string, base: PathSegment[], visit: (node: Node, path: PathSegment[], parent: YAMLMap) => void): void {
  const segs = segmentsOf(path);
  const lastSeg = segs[segs.length - 1];
  if (lastSeg.length === 1 && lastSeg[0] === '*') {
    matchPath(root, segs.slice(0, -1), base, (seq, p) => {
      if (!isSeq(seq)) return;
      seq.items.forEach((item, idx) => {
        if (isMap(item)) visit(item, [...p, idx], item);
      });
    });
  } else matchPath(root, segs, base, visit);
}

/** Whether a relation's `from` side covers this resource (any pod-template holder, or the listed kinds). */
function relationAppliesTo(resource: IndexedResource, rel: Relation): boolean {
  if (rel.from === 'pod-spec') return !!resource.template;
  return rel.from.kinds.some((k) => k.kind === resource.kind && k.group === resource.group);
}

function nameReference(source: IndexedResource, rel: NameRelation, node: Node, path: PathSegment[], parent: YAMLMap): NameReference | undefined {
  const name = scalarString(node);
  if (!name || !conditionHolds(parent, rel.when)) return undefined;
  let target: KindRef;
  if ('kind' in rel.target) target = rel.target;
  else {
    const kind = scalarString(siblingValue(parent, rel.target.kindSibling));
    if (!kind) return undefined;
    let group = rel.target.group ?? '';
    if (rel.target.apiVersionSibling) {
      const av = scalarString(siblingValue(parent, rel.target.apiVersionSibling)) ?? '';
      group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
    }
    target = { group, kind };
  }
  const namespace = kindIsNamespaced(target.group, target.kind)
    ? (rel.namespaceSibling && scalarString(siblingValue(parent, rel.namespaceSibling))) || source.namespace || 'default'
    : undefined;
  const optionalNode = rel.optionalSibling ? siblingValue(parent, rel.optionalSibling) : undefined;
  let key: NameReference['key'];
  if (rel.key) {
    const k = siblingValue(parent, rel.key.sibling);
    const kv = scalarString(k);
    if (k && kv) key = { value: kv, node: k };
  }
  let port: NameReference['port'];
  if (rel.servicePort) {
    const p = siblingValue(parent, rel.servicePort.sibling);
    if (isMap(p)) {
      const n = siblingValue(p, 'name');
      const num = siblingValue(p, 'number');
      if (n && scalarString(n)) port = { name: scalarString(n), node: n };
      else if (isScalar(num) && typeof num.value === 'number') port = { number: num.value, node: num };
    }
  }
  return { relation: rel, source, node, path, parent, name, target, namespace, optional: isScalar(optionalNode) && optionalNode.value === true, key, port };
}

const EXPR_OPS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/** How one node selector term is shown (matchExpressions AND matchFields on metadata.name); undefined for an empty term. */
function nodeTermMatcher(term: unknown): { sel: Selector; names?: { op: string; values: string[] }; text: string } | undefined {
  if (!term || typeof term !== 'object') return undefined;
  const t = term as { matchExpressions?: unknown; matchFields?: unknown };
  const reqs: Requirement[] = [];
  for (const e of Array.isArray(t.matchExpressions) ? t.matchExpressions : []) {
    const op = EXPR_OPS[String(e?.operator)];
    const r = op ? newRequirement(String(e?.key ?? ''), op, Array.isArray(e?.values) ? e.values.map(String) : []) : undefined;
    if (!r?.requirement) return { sel: NOTHING, text: '(invalid term)' };
    reqs.push(r.requirement);
  }
  let names: { op: string; values: string[] } | undefined;
  for (const f of Array.isArray(t.matchFields) ? t.matchFields : []) {
    if (f?.key === 'metadata.name' && Array.isArray(f.values)) names = { op: String(f.operator), values: f.values.map(String) };
  }
  if (reqs.length === 0 && !names) return undefined; // an empty term matches no node and is skipped
  const sel = new Selector(reqs);
  return { sel, names, text: [sel.toString(), names ? `metadata.name ${names.op} (${names.values.join(',')})` : ''].filter(Boolean).join(',') };
}

function selectorReference(source: IndexedResource, rel: SelectorRelation, node: Node, path: PathSegment[], parent: YAMLMap): SelectorReference | undefined {
  if (!conditionHolds(parent, rel.when)) return undefined;
  const doc = source.resource.doc;
  const plain = toPlain(doc, node);
  let sel: Selector = NOTHING;
  let matches: SelectorReference['matches'];
  let text: string;
  switch (rel.form) {
    case 'map': {
      const m = plain && typeof plain === 'object' && !Array.isArray(plain) ? (plain as Record<string, unknown>) : {};
      if (Object.keys(m).length === 0) return undefined; // no selector: nothing is claimed
      sel = selectorFromSet(m);
      break;
    }
    case 'labelSelector':
      // A workload's null selector is a missing required field (schema validation's business), not a mismatch.
      if ((plain === null || plain === undefined) && rel.targets === 'own-template') return undefined;
      sel = plain === null || plain === undefined ? (rel.nullSelectsAll ? EVERYTHING : NOTHING) : selectorFromLabelSelector(plain as never);
      break;
    case 'nodeSelectorTerms':
    case 'nodeSelectorTerm': {
      const raw: unknown[] = rel.form === 'nodeSelectorTerm' ? [plain] : Array.isArray(plain) ? plain : [];
      const terms = raw.map((term) => ({ term, shown: nodeTermMatcher(term) })).filter((t) => !!t.shown);
      if (terms.length === 0) return undefined;
      // Matching itself is component-helpers' (k8s/nodeAffinity): the scheduler and explanations agree with it.
      matches = (labels, c) => terms.some((t) => termMatches(t.term, { name: c.name, labels: labels ?? {} }));
      text = terms.map((t) => t.shown!.text).join(' OR ');
      break;
    }
    case 'toleration': {
      const tol = plain && typeof plain === 'object' ? (plain as Record<string, unknown>) : {};
      matches = (_labels, c) => taintsOf(c).some((t) => toleratesTaint(tol, t));
      text = `tolerates ${tol.key ?? '*'}${tol.operator === 'Exists' ? '' : `=${tol.value ?? ''}`}${tol.effect ? `:${tol.effect}` : ''}`;
      break;
    }
  }
  const equalities: Array<[string, string]> = sel.requirements.filter((r) => (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1).map((r) => [r.key, r.values[0]]);
  matches ??= (labels) => sel.matches(labels);
  text ??= sel.nothing ? (sel.errors.length ? `(invalid: ${sel.errors[0]})` : '(selects nothing)') : sel.isEverything() ? '(everything)' : sel.toString();
  const keys = [...new Set(sel.requirements.map((r) => r.key))];
  return { relation: rel, source, node, path, parent, matches, text, equalities, plain, keys, nsRule: namespaceRule(source, rel, parent) };
}

function namespaceRule(source: IndexedResource, rel: SelectorRelation, parent: YAMLMap): SelectorReference['nsRule'] {
  const own = source.namespace ?? 'default';
  const doc = source.resource.doc;
  switch (rel.namespaces ?? 'same') {
    case 'cluster':
      return { names: [], all: true };
    case 'network-peer': {
      const ns = siblingValue(parent, 'namespaceSelector');
      if (!ns) return { names: [own], all: false };
      const s = selectorFromLabelSelector((toPlain(doc, ns) ?? {}) as never);
      return s.isEverything() ? { names: [], all: true } : { names: [], nsSelector: s, all: false };
    }
    case 'affinity-term': {
      const list = toPlain(doc, siblingValue(parent, 'namespaces'));
      const names = Array.isArray(list) ? list.map(String) : [];
      const nsNode = siblingValue(parent, 'namespaceSelector');
      const s = nsNode ? selectorFromLabelSelector((toPlain(doc, nsNode) ?? {}) as never) : undefined;
      if (s?.isEverything()) return { names: [], all: true };
      if (names.length === 0 && !s) return { names: [own], all: false };
      return { names, nsSelector: s, all: false };
    }
    case 'monitor': {
      const v = toPlain(doc, siblingValue(parent, 'namespaceSelector')) as { any?: unknown; matchNames?: unknown } | undefined;
      if (v && v.any === true) return { names: [], all: true };
      if (v && Array.isArray(v.matchNames) && v.matchNames.length > 0) return { names: v.matchNames.map(String), all: false };
      return { names: [own], all: false };
    }
    default:
      return { names: [own], all: false };
  }
}

const REFS_CACHE_KEY = new DocCacheSlot<Map<IndexedResource, Reference[]>>('xref.refs');

/** Outgoing references of one indexed resource (cached on its document). */
export function referencesOf(source: IndexedResource): Reference[] {
  const doc = source.resource.doc;
  let perDoc = doc.cache.get(REFS_CACHE_KEY);
  if (!perDoc) doc.cache.set(REFS_CACHE_KEY, (perDoc = new Map()));
  const cached = perDoc.get(source);
  if (cached) return cached;
  const out: Reference[] = [];
  for (const rel of RELATIONS) {
    if (!relationAppliesTo(source, rel)) continue;
    let root: Node | undefined = source.resource.node;
    let base: PathSegment[] = [];
    if (rel.from === 'pod-spec') {
      const t = source.template!;
      base = [...t.holder.templatePath, 'spec'];
      root = nodeAtPath(t.node, ['spec']);
    }
    matchPathItems(root, rel.path, base, (node, path, parent) => {
      let ref: Reference | undefined;
      try {
        if (rel.by === 'name') ref = nameReference(source, rel, node, path, parent);
        else if (rel.by === 'selector') ref = selectorReference(source, rel, node, path, parent);
        else {
          const portName = scalarString(node);
          if (isScalar(node) && typeof node.value === 'string' && portName && !/^\d+$/.test(portName)) ref = { relation: rel, source, node, path, parent, portName };
        }
      } catch {
        ref = undefined; // a malformed fragment yields no reference, never a crash
      }
      if (ref) out.push(ref);
    });
  }
  perDoc.set(source, out);
  return out;
}

export function isName(r: Reference): r is NameReference {
  return r.relation.by === 'name';
}
export function isSelector(r: Reference): r is SelectorReference {
  return r.relation.by === 'selector';
}
export function isPortName(r: Reference): r is PortNameReference {
  return r.relation.by === 'port-name';
}
