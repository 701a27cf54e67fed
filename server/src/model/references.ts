// The reference graph: the relation table (relations.ts) applied to the indexed
// resources (index.ts). Outgoing references are extracted once per parsed
// document (referenceExtraction.ts, cached on the document, which survives
// edits elsewhere in the file); targets are resolved lazily and memoised until
// the index changes. Incoming references come from a reverse map (names) and
// from testing the selector references that could reach a target (selectors).
// What a change invalidates is decided in referenceInvalidation.ts.
//
// This module is also the public entry point of cross-references: importers
// take the reference types, extraction and target helpers from here.

import type { Node } from 'yaml';
import { nodeAtPath } from './ast';
import { identityOf, nameNode, ResourceIndex, type FileChange, type IndexedResource, type Labels, type PodTemplate } from './index';
import type { ManifestDoc } from './parse';
import { isName, isSelector, referencesOf, type NameReference, type Reference, type SelectorReference } from './referenceExtraction';
import { affectedSources, BULK_INVALIDATION, DependencyStamps, targetKindNsKey, type IncomingReferences } from './referenceInvalidation';
import { containerPorts, namespaceLabels } from './referenceTargets';
import type { Workspace } from './workspace';

export { isName, isPortName, isSelector, referencesOf } from './referenceExtraction';
export type { NamespaceScope, NameReference, PortNameReference, Reference, ReferenceBase, SelectorReference } from './referenceExtraction';
export { containerPorts, namespaceLabels, type ContainerPort } from './referenceTargets';

/** What a reference resolves to: an object, optionally a node inside it to point at. */
export interface Target {
  readonly entry: IndexedResource;
  readonly node?: Node;
  readonly template?: PodTemplate;
}

/** Key of what a selector reference can select: 'pods', 'own', or 'group/kind'. */
function targetClass(r: SelectorReference): string {
  const t = r.relation.targets;
  return t === 'pods' ? 'pods' : t === 'own-template' ? 'own' : `${t.group}/${t.kind}`;
}

export class ReferenceGraph {
  readonly index: ResourceIndex;
  /** Outgoing references per file, in document order (built on demand). */
  private readonly refsByFile = new Map<string, Reference[]>();
  /** Reverse maps: who names an identity, who names a kind in a namespace, which selectors can reach a class. */
  private readonly incoming: IncomingReferences = { byTargetId: new Map(), byTargetKindNs: new Map(), selectorsByClass: new Map() };
  private resolved = new Map<Reference, Target[]>();
  private readonly stamps = new DependencyStamps();
  /** The sources affected by the last batch applied (dependentFiles reuses them). */
  private lastAffected?: { changes: FileChange[]; affected: Set<IndexedResource> };
  /**
   * While a bulk load runs (the startup scan), every batch invalidates everything
   * at once: which objects a file affects is a walk over the references of its
   * kinds and every selector, so testing it per batch while thousands of files
   * arrive costs time that grows with the square of the workspace.
   */
  private bulkLoading = false;

  constructor(readonly workspace: Workspace) {
    this.index = new ResourceIndex(workspace);
    this.index.onDidRefresh((changes) => this.apply(changes));
  }

  private apply(changes: FileChange[]): void {
    // Only objects of re-parsed documents come and go: a keystroke in a
    // 1,000-document file relinks the references of one document.
    for (const c of changes) this.refsByFile.delete(c.uri);
    for (const d of changes) {
      for (const e of d.removed) for (const r of referencesOf(e)) this.unlink(r);
      for (const e of d.added) for (const r of referencesOf(e)) this.link(r);
    }
    // Forget what may have changed: per object (a keystroke) or, for big batches
    // (the workspace scan), everything at once rather than testing every selector.
    if (this.bulkLoading || changes.reduce((n, d) => n + d.removed.length + d.added.length, 0) > BULK_INVALIDATION) {
      this.resolved = new Map();
      this.stamps.renewAll();
      this.lastAffected = undefined;
      return;
    }
    const affected = affectedSources(changes, this.incoming, this.index);
    for (const e of affected) {
      this.stamps.renew(e.resource.doc);
      for (const r of referencesOf(e)) this.resolved.delete(r);
    }
    this.lastAffected = { changes, affected };
  }

  private link(r: Reference): void {
    if (isName(r)) {
      addTo(this.incoming.byTargetId, identityOf(r.target.group, r.target.kind, r.namespace, r.name), r);
      addTo(this.incoming.byTargetKindNs, targetKindNsKey(r.target.group, r.target.kind, r.namespace), r);
    } else if (isSelector(r)) addTo(this.incoming.selectorsByClass, targetClass(r), r);
  }

  private unlink(r: Reference): void {
    if (isName(r)) {
      this.incoming.byTargetId.get(identityOf(r.target.group, r.target.kind, r.namespace, r.name))?.delete(r);
      this.incoming.byTargetKindNs.get(targetKindNsKey(r.target.group, r.target.kind, r.namespace))?.delete(r);
    } else if (isSelector(r)) this.incoming.selectorsByClass.get(targetClass(r))?.delete(r);
    this.resolved.delete(r);
  }

  /**
   * Starts or ends a bulk load (the startup scan): meanwhile, each batch of
   * changes forgets every result at once instead of testing who it affects.
   * The caller re-checks every file when it ends.
   */
  setBulkLoading(on: boolean): void {
    if (!on) this.refresh(); // the last batch of the load is applied as part of it
    this.bulkLoading = on;
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
    return e.id ? [...(this.incoming.byTargetId.get(e.id) ?? [])] : [];
  }

  /** Name references to a kind in a namespace (resolved or not). */
  nameReferencesToKind(group: string, kind: string, namespace: string | undefined): ReadonlySet<NameReference> {
    this.refresh();
    return this.incoming.byTargetKindNs.get(targetKindNsKey(group, kind, namespace)) ?? new Set();
  }

  /** Selector references that select an object (its pod template for workloads). */
  selectorsSelecting(e: IndexedResource): SelectorReference[] {
    this.refresh();
    const out: SelectorReference[] = [];
    const classes = [`${e.group}/${e.kind}`, ...(e.template ? ['pods'] : [])];
    for (const cls of classes) {
      for (const r of this.incoming.selectorsByClass.get(cls) ?? []) {
        if (this.resolve(r).some((t) => t.entry === e)) out.push(r);
      }
    }
    if (e.template) for (const r of referencesOf(e)) if (isSelector(r) && r.relation.targets === 'own-template' && this.resolve(r).length > 0) out.push(r);
    return out;
  }

  selectorReferences(cls: string): ReadonlySet<SelectorReference> {
    this.refresh();
    return this.incoming.selectorsByClass.get(cls) ?? new Set();
  }

  /**
   * The stamp of a document's cross-reference results: unchanged as long as
   * nothing its references, selectors, duplicate checks or false-alarm rules
   * depend on has changed since. Fresh documents start at the current stamp.
   */
  stampOf(doc: ManifestDoc): number {
    this.refresh();
    return this.stamps.of(doc);
  }

  /** Files whose cross-reference results may change because of these file changes. */
  dependentFiles(changes: FileChange[]): Set<string> {
    const affected = this.lastAffected?.changes === changes ? this.lastAffected.affected : affectedSources(changes, this.incoming, this.index);
    return new Set([...affected].map((e) => e.uri));
  }
}

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}
