// The reference graph: the relation table (relations.ts) applied to the indexed
// resources (index.ts). Outgoing references are extracted once per parsed
// document (cached on the document, which survives edits elsewhere in the
// file); targets are resolved lazily and memoised until the index changes.
// Incoming references come from a reverse map (names) and from testing the
// selector references that could reach a target (selectors).

import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { EVERYTHING, newRequirement, NOTHING, Selector, selectorFromLabelSelector, selectorFromSet, type Operator, type Requirement } from '../k8s/selector';
import { nodeAtPath, scalarString, type PathSegment } from './ast';
import { identityOf, kindIsNamespaced, nameNode, relatedFiles, ResourceIndex, type FileChange, type IndexedResource, type Labels, type PodTemplate } from './index';
import { toPlain, type ManifestDoc } from './parse';
import { isBuiltinGroup } from '../schema';
import { pathSegments, RELATIONS, type KindRef, type NameRelation, type PortNameRelation, type Relation, type SelectorRelation, type SiblingCondition } from './relations';
import type { Workspace } from './workspace';

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

/** What a reference resolves to: an object, optionally a node inside it to point at. */
export interface Target {
  readonly entry: IndexedResource;
  readonly node?: Node;
  readonly template?: PodTemplate;
}

// ---------------------------------------------------------------- extraction

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

function kindOf(resource: IndexedResource, rel: Relation): boolean {
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

/** One node selector term (matchExpressions AND matchFields on metadata.name). */
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

function tolerates(tol: Record<string, unknown>, taint: Record<string, unknown>): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && String(tol.value ?? '') === String(taint.value ?? '');
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
      const terms = (rel.form === 'nodeSelectorTerm' ? [plain] : Array.isArray(plain) ? plain : []).map(nodeTermMatcher).filter((t) => !!t);
      if (terms.length === 0) return undefined;
      matches = (labels, c) => terms.some((t) => t.sel.matches(labels) && (!t.names || t.names.values.includes(c.name) === (t.names.op === 'In')));
      text = terms.map((t) => t.text).join(' OR ');
      break;
    }
    case 'toleration': {
      const tol = plain && typeof plain === 'object' ? (plain as Record<string, unknown>) : {};
      matches = (_labels, c) => taintsOf(c).some((t) => tolerates(tol, t));
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

function taintsOf(e: IndexedResource): Array<Record<string, unknown>> {
  const t = toPlain(e.resource.doc, nodeAtPath(e.resource.node, ['spec', 'taints']));
  return Array.isArray(t) ? t.filter((x) => x && typeof x === 'object') : [];
}

const REFS_CACHE_KEY = 'xref.refs';

/** Outgoing references of one indexed resource (cached on its document). */
export function referencesOf(source: IndexedResource): Reference[] {
  const doc = source.resource.doc;
  let perDoc = doc.cache.get(REFS_CACHE_KEY) as Map<IndexedResource, Reference[]> | undefined;
  if (!perDoc) doc.cache.set(REFS_CACHE_KEY, (perDoc = new Map()));
  const cached = perDoc.get(source);
  if (cached) return cached;
  const out: Reference[] = [];
  for (const rel of RELATIONS) {
    if (!kindOf(source, rel)) continue;
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

// ---------------------------------------------------------------- the graph

/** Key of what a selector reference can select: 'pods', 'own', or 'group/kind'. */
function targetClass(r: SelectorReference): string {
  const t = r.relation.targets;
  return t === 'pods' ? 'pods' : t === 'own-template' ? 'own' : `${t.group}/${t.kind}`;
}

export class ReferenceGraph {
  readonly index: ResourceIndex;
  /** Outgoing references per file, in document order (built on demand). */
  private readonly refsByFile = new Map<string, Reference[]>();
  /** target identity -> name references. */
  private readonly byTargetId = new Map<string, Set<NameReference>>();
  /** 'group/kind/namespace' of the target -> name references (resolved or not). */
  private readonly byTargetKindNs = new Map<string, Set<NameReference>>();
  /** target class -> selector references. */
  private readonly selectorsByClass = new Map<string, Set<SelectorReference>>();
  private resolved = new Map<Reference, Target[]>();
  /**
   * Dependency stamps of documents: a document's stamp changes whenever the
   * cross-reference results of its objects may have changed (a target, a
   * selected object or a plausibility witness appeared or went away), so
   * per-document caches (the diagnostics) stay valid while it is unchanged.
   */
  private readonly stamps = new WeakMap<ManifestDoc, number>();
  private globalStamp = 0;
  private stampCounter = 0;
  /** The sources affected by the last batch applied (dependentFiles reuses them). */
  private lastAffected?: { changes: FileChange[]; affected: Set<IndexedResource> };

  constructor(readonly workspace: Workspace) {
    this.index = new ResourceIndex(workspace);
    this.index.onDidRefresh((changes) => this.apply(changes));
  }

  private apply(changes: FileChange[]): void {
    // Only objects of re-parsed documents come and go: a keystroke in a
    // 1,000-document file relinks the references of one document.
    const diffs = changes.map(diffOf);
    for (const c of changes) this.refsByFile.delete(c.uri);
    for (const d of diffs) {
      for (const e of d.removed) for (const r of referencesOf(e)) this.unlink(r);
      for (const e of d.added) for (const r of referencesOf(e)) this.link(r);
    }
    // Forget what may have changed: per object (a keystroke) or, for big batches
    // (the workspace scan), everything at once rather than testing every selector.
    if (diffs.reduce((n, d) => n + d.removed.length + d.added.length, 0) > BULK_INVALIDATION) {
      this.resolved = new Map();
      this.globalStamp = ++this.stampCounter;
      this.lastAffected = undefined;
      return;
    }
    const affected = this.affectedSources(diffs);
    for (const e of affected) {
      this.stamps.set(e.resource.doc, ++this.stampCounter);
      for (const r of referencesOf(e)) this.resolved.delete(r);
    }
    this.lastAffected = { changes, affected };
  }

  private link(r: Reference): void {
    if (isName(r)) {
      addTo(this.byTargetId, identityOf(r.target.group, r.target.kind, r.namespace, r.name), r);
      addTo(this.byTargetKindNs, `${r.target.group}/${r.target.kind}/${r.namespace ?? ''}`, r);
    } else if (isSelector(r)) addTo(this.selectorsByClass, targetClass(r), r);
  }

  private unlink(r: Reference): void {
    if (isName(r)) {
      this.byTargetId.get(identityOf(r.target.group, r.target.kind, r.namespace, r.name))?.delete(r);
      this.byTargetKindNs.get(`${r.target.group}/${r.target.kind}/${r.namespace ?? ''}`)?.delete(r);
    } else if (isSelector(r)) this.selectorsByClass.get(targetClass(r))?.delete(r);
    this.resolved.delete(r);
  }

  /** Brings the index and the graph up to date; returns the file changes applied. */
  refresh(): FileChange[] {
    return this.index.refresh();
  }

  referencesInFile(uri: string): Reference[] {
    this.refresh();
    let refs = this.refsByFile.get(uri);
    if (!refs) {
      refs = this.index.inFile(uri).flatMap(referencesOf);
      if (refs.length > 0) this.refsByFile.set(uri, refs);
    }
    return refs;
  }

  /** Every reference of the workspace. */
  *allReferences(): IterableIterator<Reference> {
    this.refresh();
    for (const uri of [...this.index.files()]) yield* this.referencesInFile(uri);
  }

  /** The namespaces (declared Namespace objects and namespaces in use) a selector reference looks in; 'all' for every one. */
  namespacesOf(r: SelectorReference): Set<string> | 'all' {
    if (r.nsRule.all) return 'all';
    const out = new Set(r.nsRule.names);
    if (r.nsRule.nsSelector) {
      for (const ns of this.index.ofKind('', 'Namespace')) {
        if (r.nsRule.nsSelector.matches(namespaceLabels(ns))) out.add(ns.name);
      }
    }
    return out;
  }

  resolve(r: Reference): Target[] {
    this.refresh();
    let t = this.resolved.get(r);
    if (!t) {
      try {
        t = this.compute(r);
      } catch {
        t = [];
      }
      this.resolved.set(r, t);
    }
    return t;
  }

  private compute(r: Reference): Target[] {
    if (isName(r)) {
      return this.index.lookup(r.target.group, r.target.kind, r.namespace, r.name).map((entry) => ({ entry, node: nameNode(entry.resource) }));
    }
    if (isSelector(r)) {
      const t = r.relation.targets;
      if (t === 'own-template') {
        const tpl = r.source.template;
        return tpl && r.matches(tpl.labels, r.source) ? [{ entry: r.source, template: tpl, node: tpl.labelsNode ?? tpl.node }] : [];
      }
      if (t === 'pods') return this.matchingTemplates(r).map((tpl) => ({ entry: tpl.owner, template: tpl, node: tpl.labelsNode ?? tpl.node }));
      const nss = this.namespacesOf(r);
      const out: Target[] = [];
      for (const e of this.index.ofKind(t.group, t.kind)) {
        if (nss !== 'all' && !nss.has(e.namespace ?? '')) continue;
        const labels = t.kind === 'Namespace' && t.group === '' ? namespaceLabels(e) : e.labels;
        if (r.matches(labels, e)) out.push({ entry: e, node: nodeAtPath(e.resource.node, ['metadata', 'labels']) ?? nameNode(e.resource) });
      }
      return out;
    }
    // Service targetPort name -> named container ports of the pods the Service selects.
    const via = referencesOf(r.source).find((x): x is SelectorReference => isSelector(x) && x.relation.id === r.relation.via);
    if (!via) return [];
    const out: Target[] = [];
    for (const target of this.resolve(via)) {
      for (const p of containerPorts(target.template!)) if (p.name === r.portName) out.push({ entry: target.entry, template: target.template, node: p.nameNode });
    }
    return out;
  }

  /** Pod templates a selector matches, using the label index to narrow candidates. */
  matchingTemplates(r: SelectorReference, labelsOverride?: Map<PodTemplate, Labels>): PodTemplate[] {
    const nss = this.namespacesOf(r);
    const names = nss === 'all' ? this.index.namespacesWithTemplates() : [...nss];
    const out: PodTemplate[] = [];
    for (const ns of names) {
      const candidates = !labelsOverride && r.equalities.length > 0 ? this.index.templates(ns, r.equalities[0]) : this.index.templates(ns);
      for (const tpl of candidates) if (r.matches(labelsOverride?.get(tpl) ?? tpl.labels, tpl.owner)) out.push(tpl);
    }
    return out;
  }

  /** Name references pointing at an object's identity. */
  nameReferencesTo(e: IndexedResource): NameReference[] {
    this.refresh();
    return e.id ? [...(this.byTargetId.get(e.id) ?? [])] : [];
  }

  /** Name references to a kind in a namespace (resolved or not). */
  nameReferencesToKind(group: string, kind: string, namespace: string | undefined): ReadonlySet<NameReference> {
    this.refresh();
    return this.byTargetKindNs.get(`${group}/${kind}/${namespace ?? ''}`) ?? new Set();
  }

  /** Selector references that select an object (its pod template for workloads). */
  selectorsSelecting(e: IndexedResource): SelectorReference[] {
    this.refresh();
    const out: SelectorReference[] = [];
    const classes = [`${e.group}/${e.kind}`, ...(e.template ? ['pods'] : [])];
    for (const cls of classes) {
      for (const r of this.selectorsByClass.get(cls) ?? []) {
        if (this.resolve(r).some((t) => t.entry === e)) out.push(r);
      }
    }
    if (e.template) for (const r of referencesOf(e)) if (isSelector(r) && r.relation.targets === 'own-template' && this.resolve(r).length > 0) out.push(r);
    return out;
  }

  selectorReferences(cls: 'pods' | 'own' | string): ReadonlySet<SelectorReference> {
    this.refresh();
    return this.selectorsByClass.get(cls) ?? new Set();
  }

  /**
   * The stamp of a document's cross-reference results: unchanged as long as
   * nothing its references, selectors, duplicate checks or false-alarm rules
   * depend on has changed since. Fresh documents start at the current stamp.
   */
  stampOf(doc: ManifestDoc): number {
    this.refresh();
    return Math.max(this.stamps.get(doc) ?? 0, this.globalStamp);
  }

  /** Files whose cross-reference results may change because of these file changes. */
  dependentFiles(changes: FileChange[]): Set<string> {
    const affected = this.lastAffected?.changes === changes ? this.lastAffected.affected : this.affectedSources(changes.map(diffOf));
    return new Set([...affected].map((e) => e.uri));
  }

  /**
   * Objects whose cross-reference results may change because of these file
   * changes. Only entries of re-parsed documents count (reused documents keep
   * their index entries, so they are the same objects before and after). For
   * each: the objects naming its identity; the objects defining the same
   * identity in the same file (duplicates); the selectors that match it before
   * or after the change; and, when the identity appeared or disappeared, the
   * references and selectors of that kind and namespace in related files (the
   * false-alarm rules of the diagnostics look at those, and at custom resources
   * in related files for selects-nothing). Newly indexed objects count too.
   */
  private affectedSources(diffs: EntryDiff[]): Set<IndexedResource> {
    const out = new Set<IndexedResource>();
    for (const { removed, added } of diffs) {
      const removedIds = new Set(removed.map((e) => e.id));
      const addedIds = new Set(added.map((e) => e.id));
      for (const e of added) out.add(e);
      for (const e of [...removed, ...added]) {
        const appeared = !e.id || !(removedIds.has(e.id) && addedIds.has(e.id));
        if (e.id) {
          for (const r of this.byTargetId.get(e.id) ?? []) out.add(r.source);
          for (const o of this.index.byIdentity(e.id)) if (o.uri === e.uri) out.add(o);
        }
        if (appeared) {
          // Only unresolved references consult the false-alarm rule.
          for (const r of this.byTargetKindNs.get(`${e.group}/${e.kind}/${e.namespace ?? ''}`) ?? []) {
            if (relatedFiles(r.source.uri, e.uri) && this.index.lookup(r.target.group, r.target.kind, r.namespace, r.name).length === 0) out.add(r.source);
          }
        }
        const isNs = e.group === '' && e.kind === 'Namespace';
        const classes: Array<[string, Labels]> = [[`${e.group}/${e.kind}`, isNs ? namespaceLabels(e) : e.labels]];
        if (e.template) classes.push(['pods', e.template.labels]);
        for (const [cls, labels] of classes) {
          for (const r of this.selectorsByClass.get(cls) ?? []) {
            if (!inScope(r, e)) continue;
            if (r.matches(labels, e) || (appeared && relatedFiles(r.source.uri, e.uri))) out.add(r.source);
          }
        }
        // A custom resource in a related file may be an operator creating pods: selects-nothing stays quiet then.
        if (appeared && !isBuiltinGroup(e.group)) {
          for (const set of this.selectorsByClass.values()) for (const r of set) if (r.relation.mustMatch === 'selects-nothing' && inScope(r, e) && relatedFiles(r.source.uri, e.uri)) out.add(r.source);
        }
        if (isNs) for (const set of this.selectorsByClass.values()) for (const r of set) if (r.nsRule.nsSelector) out.add(r.source);
      }
    }
    return out;
  }
}

function inScope(r: SelectorReference, e: IndexedResource): boolean {
  return r.nsRule.all || !!r.nsRule.nsSelector || e.namespace === undefined || r.nsRule.names.includes(e.namespace);
}

/** Beyond this many added or removed objects in one batch, everything is invalidated at once. */
const BULK_INVALIDATION = 400;

interface EntryDiff {
  removed: IndexedResource[];
  added: IndexedResource[];
}

/** Index entries that went away or appeared in one file change (reused documents keep their entries). */
function diffOf(c: FileChange): EntryDiff {
  const beforeSet = new Set(c.before);
  const afterSet = new Set(c.after);
  return { removed: c.before.filter((e) => !afterSet.has(e)), added: c.after.filter((e) => !beforeSet.has(e)) };
}

/** A Namespace object's labels plus the label the API server always sets. */
export function namespaceLabels(ns: IndexedResource): Labels {
  return { ...ns.labels, 'kubernetes.io/metadata.name': ns.name };
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  nameNode?: Node;
  container: string;
}

/** Every declared container port of a pod template. */
export function containerPorts(tpl: PodTemplate): ContainerPort[] {
  const out: ContainerPort[] = [];
  const spec = nodeAtPath(tpl.node, ['spec']);
  for (const list of ['containers', 'initContainers']) {
    const cs = nodeAtPath(spec, [list]);
    if (!isSeq(cs)) continue;
    for (const c of cs.items) {
      if (!isMap(c)) continue;
      const ports = c.get('ports', true);
      if (!isSeq(ports)) continue;
      for (const p of ports.items) {
        if (!isMap(p)) continue;
        const nameN = p.get('name', true) as Node | undefined;
        const cp = p.get('containerPort', true);
        out.push({ name: scalarString(nameN), containerPort: isScalar(cp) && typeof cp.value === 'number' ? cp.value : undefined, nameNode: nameN ?? undefined, container: scalarString(c.get('name', true)) ?? '' });
      }
    }
  }
  return out;
}

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

const graphs = new WeakMap<Workspace, ReferenceGraph>();

/** The reference graph of a workspace (created on first use, then kept up to date). */
export function graphFor(workspace: Workspace): ReferenceGraph {
  let g = graphs.get(workspace);
  if (!g) graphs.set(workspace, (g = new ReferenceGraph(workspace)));
  return g;
}
