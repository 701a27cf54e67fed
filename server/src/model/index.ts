// The resource index of a workspace: every named object by identity
// (group/kind/namespace/name), by kind, and every pod template by namespace and
// label. Updated per changed file: the workspace reports changed URIs, the index
// marks them dirty and re-indexes only those files on the next query.

import { isAlias, isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { isBuiltinGroup, isNamespaced as schemaIsNamespaced } from '../schema';
import { nodeAtPath } from './ast';
import { DocCacheSlot, toPlain, type ManifestDoc, type Resource } from './parse';
import { podHolderOf, type PodHolder } from './relations';
import type { Workspace } from './workspace';

export type Labels = Record<string, string>;

export interface IndexedResource {
  readonly resource: Resource;
  readonly uri: string;
  readonly group: string;
  readonly kind: string;
  /** metadata.name, or '' when absent (such objects have no identity). */
  readonly name: string;
  /** Effective namespace: metadata.namespace or `default`; undefined for cluster-scoped kinds. */
  readonly namespace?: string;
  /** Identity key; '' when the object has no name. */
  readonly id: string;
  readonly labels: Labels;
  /** The pod template of a Pod or workload. */
  readonly template?: PodTemplate;
}

export interface PodTemplate {
  readonly owner: IndexedResource;
  readonly holder: PodHolder;
  readonly namespace: string;
  readonly labels: Labels;
  /** The template's metadata.labels map (Pod: the Pod's own), if written. */
  readonly labelsNode?: YAMLMap;
  /** The template map (Pod: the resource node). */
  readonly node: YAMLMap;
  /** Pods this template stands for (replicas, parallelism; 1 when unknown). */
  readonly replicas: number;
}

/** Cluster-scoped built-in kinds, used when the schema does not know a kind. */
const CLUSTER_SCOPED_FALLBACK = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'APIService', 'CSIDriver', 'CSINode', 'RuntimeClass', 'VolumeAttachment',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration', 'ComponentStatus', 'ClusterIssuer', 'ClusterPolicy',
]);
/** Pure cache: the scope of a group/kind in the built-in schema (immutable) and the fallback list. */
const scopeCache = new Map<string, boolean>();

/** True for namespaced kinds; custom kinds the schema does not know count as namespaced unless on the fallback list. */
export function kindIsNamespaced(group: string, kind: string): boolean {
  const key = `${group}/${kind}`;
  let v = scopeCache.get(key);
  if (v === undefined) {
    v = schemaIsNamespaced(group, kind) ?? !CLUSTER_SCOPED_FALLBACK.has(kind);
    if (scopeCache.size < 10_000) scopeCache.set(key, v);
  }
  return v;
}

export function identityOf(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ''}/${name}`;
}

/** A string map (labels, selector) as plain strings; non-scalar values are skipped. */
export function stringMap(doc: ManifestDoc, node: unknown): Labels {
  const out: Labels = {};
  const plain = node ? toPlain(doc, node) : undefined;
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) return out;
  for (const [k, v] of Object.entries(plain)) {
    if (v === null || v === undefined) out[k] = '';
    else if (typeof v !== 'object') out[k] = String(v);
  }
  return out;
}

/** A node with an alias (`*labels`) replaced by the anchored node. */
export function resolveAlias(doc: ManifestDoc, node: unknown): Node | undefined {
  if (isAlias(node)) {
    try {
      return (node.resolve(doc.yaml) as Node | undefined) ?? undefined;
    } catch {
      return undefined;
    }
  }
  return (node as Node | undefined) ?? undefined;
}

function templateOf(owner: IndexedResource, holder: PodHolder): PodTemplate | undefined {
  const node = holder.templatePath.length === 0 ? owner.resource.node : nodeAtPath(owner.resource.node, holder.templatePath);
  if (!isMap(node)) return undefined;
  const labelsNode = resolveAlias(owner.resource.doc, nodeAtPath(node, ['metadata', 'labels']));
  let replicas = 1;
  if (holder.replicasPath) {
    const r = nodeAtPath(owner.resource.node, holder.replicasPath);
    if (isScalar(r) && typeof r.value === 'number' && r.value >= 0) replicas = r.value;
  }
  const labels = stringMap(owner.resource.doc, labelsNode);
  // The Job controller labels its pods with the Job's name (pkg/controller/job).
  if (holder.kind === 'Job' && owner.name) labels['batch.kubernetes.io/job-name'] = labels['job-name'] = owner.name;
  return {
    owner,
    holder,
    namespace: owner.namespace ?? 'default',
    labels,
    labelsNode: isMap(labelsNode) ? labelsNode : undefined,
    node,
    replicas,
  };
}

function indexResource(uri: string, r: Resource): IndexedResource {
  const namespaced = kindIsNamespaced(r.group, r.kind);
  const namespace = namespaced ? (r.namespace && r.namespace.length > 0 ? r.namespace : 'default') : undefined;
  const name = r.name ?? '';
  const entry: { -readonly [K in keyof IndexedResource]: IndexedResource[K] } = {
    resource: r,
    uri,
    group: r.group,
    kind: r.kind,
    name,
    namespace,
    id: name ? identityOf(r.group, r.kind, namespace, name) : '',
    labels: stringMap(r.doc, nodeAtPath(r.node, ['metadata', 'labels'])),
  };
  const holder = podHolderOf(r.group, r.kind);
  if (holder) entry.template = templateOf(entry, holder);
  return entry;
}

const DOC_CACHE_KEY = new DocCacheSlot<IndexedResource[]>('xref.index');

/** Index entries of one document, cached on the (reused) document. */
function entriesOfDoc(uri: string, doc: ManifestDoc): IndexedResource[] {
  const cached = doc.cache.get(DOC_CACHE_KEY);
  if (cached && (cached.length === 0 || cached[0].uri === uri)) return cached;
  const out = doc.resources.map((r) => indexResource(uri, r));
  doc.cache.set(DOC_CACHE_KEY, out);
  return out;
}

/**
 * What changed in one file when the index was refreshed: the entries that went
 * away and those that appeared. Entries of reused documents (every document but
 * the edited one on a keystroke) are in neither list.
 */
export interface FileChange {
  uri: string;
  removed: IndexedResource[];
  added: IndexedResource[];
}

export class ResourceIndex {
  private readonly byFile = new Map<string, IndexedResource[]>();
  private readonly byId = new Map<string, IndexedResource[]>();
  private readonly byKind = new Map<string, Set<IndexedResource>>();
  /** namespace -> pod templates. */
  private readonly templatesByNs = new Map<string, Set<PodTemplate>>();
  /** namespace -> `key=value` -> pod templates carrying that label. */
  private readonly templatesByLabel = new Map<string, Map<string, Set<PodTemplate>>>();
  /** namespace ('' for cluster-scoped) -> objects of non-built-in API groups (custom resources). */
  private readonly customByNs = new Map<string, Set<IndexedResource>>();
  /** namespace -> the namespaced objects in it. */
  private readonly byNamespace = new Map<string, Set<IndexedResource>>();
  private readonly dirty = new Set<string>();
  private readonly listeners: Array<(changes: FileChange[]) => void> = [];

  constructor(readonly workspace: Workspace) {
    for (const f of workspace.allFiles()) this.dirty.add(f.uri);
    workspace.onDidChange((changed) => {
      for (const u of changed) this.dirty.add(u);
    });
  }

  /** Called with every batch of re-indexed files (before any query sees them). Returns the unsubscribe function. */
  onDidRefresh(listener: (changes: FileChange[]) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Re-indexes the files changed since the last call; returns what changed. */
  refresh(): FileChange[] {
    if (this.dirty.size === 0) return [];
    const changes: FileChange[] = [];
    for (const uri of this.dirty) changes.push(this.reindexFile(uri));
    this.dirty.clear();
    for (const l of this.listeners) l(changes);
    return changes;
  }

  /**
   * Re-lists one file. A document reused from the previous version keeps its
   * entries (cached on the document), so a keystroke in a 1,000-document file
   * removes and adds only the entries of the re-parsed document.
   */
  private reindexFile(uri: string): FileChange {
    const before = this.byFile.get(uri) ?? [];
    const file = this.workspace.get(uri);
    const docs = file && !file.isTemplate && !this.workspace.isPatchFile(uri) ? file.docs : [];
    const after: IndexedResource[] = [];
    const added: IndexedResource[] = [];
    const docsBefore = new Set<ManifestDoc>();
    for (const e of before) docsBefore.add(e.resource.doc);
    const docsAfter = new Set<ManifestDoc>();
    for (const d of docs) {
      docsAfter.add(d);
      const entries = entriesOfDoc(uri, d);
      for (const e of entries) after.push(e);
      if (!docsBefore.has(d)) for (const e of entries) added.push(e);
    }
    const removed = before.filter((e) => !docsAfter.has(e.resource.doc));
    for (const e of removed) this.remove(e);
    for (const e of added) this.add(e);
    if (after.length > 0) this.byFile.set(uri, after);
    else this.byFile.delete(uri);
    return { uri, removed, added };
  }

  private add(e: IndexedResource): void {
    if (e.id) insertInFileOrder(this.byId, e.id, e);
    const kk = `${e.group}/${e.kind}`;
    let ks = this.byKind.get(kk);
    if (!ks) this.byKind.set(kk, (ks = new Set()));
    ks.add(e);
    if (e.namespace !== undefined) {
      let ns = this.byNamespace.get(e.namespace);
      if (!ns) this.byNamespace.set(e.namespace, (ns = new Set()));
      ns.add(e);
    }
    if (!isBuiltinGroup(e.group)) {
      const ns = e.namespace ?? '';
      let cs = this.customByNs.get(ns);
      if (!cs) this.customByNs.set(ns, (cs = new Set()));
      cs.add(e);
    }
    const t = e.template;
    if (t) {
      let set = this.templatesByNs.get(t.namespace);
      if (!set) this.templatesByNs.set(t.namespace, (set = new Set()));
      set.add(t);
      let byLabel = this.templatesByLabel.get(t.namespace);
      if (!byLabel) this.templatesByLabel.set(t.namespace, (byLabel = new Map<string, Set<PodTemplate>>()));
      for (const [k, v] of Object.entries(t.labels)) {
        const lk = `${k}=${v}`;
        let s = byLabel.get(lk);
        if (!s) byLabel.set(lk, (s = new Set()));
        s.add(t);
      }
    }
  }

  private remove(e: IndexedResource): void {
    if (e.id) {
      const list = this.byId.get(e.id);
      if (list) {
        const i = list.indexOf(e);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) this.byId.delete(e.id);
      }
    }
    this.byKind.get(`${e.group}/${e.kind}`)?.delete(e);
    this.customByNs.get(e.namespace ?? '')?.delete(e);
    if (e.namespace !== undefined) {
      const ns = this.byNamespace.get(e.namespace);
      ns?.delete(e);
      if (ns?.size === 0) this.byNamespace.delete(e.namespace);
    }
    const t = e.template;
    if (t) {
      this.templatesByNs.get(t.namespace)?.delete(t);
      const byLabel = this.templatesByLabel.get(t.namespace);
      if (byLabel) for (const [k, v] of Object.entries(t.labels)) byLabel.get(`${k}=${v}`)?.delete(t);
    }
  }

  /** Objects with this identity (more than one = duplicate definitions). */
  lookup(group: string, kind: string, namespace: string | undefined, name: string): IndexedResource[] {
    this.refresh();
    return this.byId.get(identityOf(group, kind, namespace, name)) ?? [];
  }

  byIdentity(id: string): IndexedResource[] {
    this.refresh();
    return this.byId.get(id) ?? [];
  }

  ofKind(group: string, kind: string): ReadonlySet<IndexedResource> {
    this.refresh();
    return this.byKind.get(`${group}/${kind}`) ?? EMPTY;
  }

  inFile(uri: string): IndexedResource[] {
    this.refresh();
    return this.byFile.get(uri) ?? [];
  }

  /** The index entry of a parsed resource (undefined if its file is not indexed). */
  entryOf(r: Resource): IndexedResource | undefined {
    return this.inFile(r.doc.uri).find((e) => e.resource === r);
  }

  files(): IterableIterator<string> {
    this.refresh();
    return this.byFile.keys();
  }

  all(): IterableIterator<IndexedResource> {
    this.refresh();
    return allOf(this.byFile);
  }

  /** Pod templates of a namespace, narrowed to those carrying `key=value` when given. */
  templates(namespace: string, label?: [string, string]): ReadonlySet<PodTemplate> {
    this.refresh();
    if (label) return this.templatesByLabel.get(namespace)?.get(`${label[0]}=${label[1]}`) ?? EMPTY_T;
    return this.templatesByNs.get(namespace) ?? EMPTY_T;
  }

  /** Custom resources (objects of non-built-in groups) of a namespace; '' for cluster-scoped ones. */
  customResources(namespace: string): ReadonlySet<IndexedResource> {
    this.refresh();
    return this.customByNs.get(namespace) ?? EMPTY;
  }

  /** Namespaces ('' = cluster scope) holding custom resources. */
  namespacesWithCustomResources(): string[] {
    this.refresh();
    return [...this.customByNs.entries()].filter(([, s]) => s.size > 0).map(([n]) => n);
  }

  /** Every namespace some namespaced object is in (written, or `default`), with those objects. */
  namespaces(): ReadonlyMap<string, ReadonlySet<IndexedResource>> {
    this.refresh();
    return this.byNamespace;
  }

  namespacesWithTemplates(): string[] {
    this.refresh();
    return [...this.templatesByNs.entries()].filter(([, s]) => s.size > 0).map(([n]) => n);
  }
}

function* allOf(byFile: Map<string, IndexedResource[]>): IterableIterator<IndexedResource> {
  for (const list of byFile.values()) yield* list;
}

const EMPTY: ReadonlySet<IndexedResource> = new Set();
const EMPTY_T: ReadonlySet<PodTemplate> = new Set();

/** True when `a` comes before `b` in their (common) file. */
function before(a: IndexedResource, b: IndexedResource): boolean {
  const da = a.resource.doc;
  const db = b.resource.doc;
  return da === db ? da.resources.indexOf(a.resource) < db.resources.indexOf(b.resource) : da.start < db.start;
}

/**
 * Adds `e` to the list under `k` keeping each file's entries in file order, as
 * a fresh index lists them (duplicate definitions are reported in that order):
 * a re-parsed document's entries go between those of the unchanged documents
 * around it, not after them.
 */
function insertInFileOrder(m: Map<string, IndexedResource[]>, k: string, e: IndexedResource): void {
  const l = m.get(k);
  if (!l) {
    m.set(k, [e]);
    return;
  }
  let lastOfFile = -1;
  for (let i = 0; i < l.length; i++) {
    if (l[i].uri !== e.uri) continue;
    if (before(e, l[i])) {
      l.splice(i, 0, e);
      return;
    }
    lastOfFile = i;
  }
  l.splice(lastOfFile < 0 ? l.length : lastOfFile + 1, 0, e);
}

/** The resource node's metadata.name scalar, for locations. */
export function nameNode(r: Resource): Node | undefined {
  return nodeAtPath(r.node, ['metadata', 'name']);
}

const dirOf = (uri: string) => uri.slice(0, uri.lastIndexOf('/'));

/**
 * Files that plausibly belong to one deployment unit: the same directory, or
 * one directory inside the other (base/ and base/extra/, a repo root and its
 * folders). Used to keep cross-reference warnings to what a project contains.
 */
export function relatedFiles(a: string, b: string): boolean {
  const da = dirOf(a);
  const db = dirOf(b);
  return da === db || da.startsWith(db + '/') || db.startsWith(da + '/');
}
