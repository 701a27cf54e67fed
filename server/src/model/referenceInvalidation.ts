// Invalidation of cross-reference results after an index refresh: which
// objects' results a batch of file changes may have changed (the affected
// set), and the per-document dependency stamps that let per-document caches
// (the diagnostics) survive while nothing they depend on changed. The graph
// (references.ts) owns the reverse maps this reads and applies the outcome.

import { isBuiltinGroup } from '../schema';
import { relatedFiles, type FileChange, type IndexedResource, type Labels, type ResourceIndex } from './index';
import type { ManifestDoc } from './parse';
import type { NameReference, SelectorReference } from './referenceExtraction';
import { namespaceLabels } from './referenceTargets';

/** Beyond this many added or removed objects in one batch, everything is invalidated at once. */
export const BULK_INVALIDATION = 400;

/** Index entries that went away or appeared in one file change (reused documents keep their entries). */
export type EntryDiff = Pick<FileChange, 'removed' | 'added'>;

/** Key of the target kind and namespace of name references: 'group/kind/namespace'. */
export function targetKindNsKey(group: string, kind: string, namespace: string | undefined): string {
  return `${group}/${kind}/${namespace ?? ''}`;
}

/** The graph's reverse maps, which tell who may be affected by an object coming or going. */
export interface IncomingReferences {
  /** target identity -> name references. */
  readonly byTargetId: Map<string, Set<NameReference>>;
  /** targetKindNsKey of the target -> name references (resolved or not). */
  readonly byTargetKindNs: Map<string, Set<NameReference>>;
  /** target class ('pods', 'own' or 'group/kind') -> selector references. */
  readonly selectorsByClass: Map<string, Set<SelectorReference>>;
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
export function affectedSources(diffs: EntryDiff[], incoming: IncomingReferences, index: ResourceIndex): Set<IndexedResource> {
  const { byTargetId, byTargetKindNs, selectorsByClass } = incoming;
  const out = new Set<IndexedResource>();
  for (const { removed, added } of diffs) {
    const removedIds = new Set(removed.map((e) => e.id));
    const addedIds = new Set(added.map((e) => e.id));
    for (const e of added) out.add(e);
    for (const e of [...removed, ...added]) {
      const appeared = !e.id || !(removedIds.has(e.id) && addedIds.has(e.id));
      if (e.id) {
        for (const r of byTargetId.get(e.id) ?? []) out.add(r.source);
        for (const o of index.byIdentity(e.id)) if (o.uri === e.uri) out.add(o);
      }
      if (appeared) {
        // Only unresolved references consult the false-alarm rule.
        for (const r of byTargetKindNs.get(targetKindNsKey(e.group, e.kind, e.namespace)) ?? []) {
          if (relatedFiles(r.source.uri, e.uri) && index.lookup(r.target.group, r.target.kind, r.namespace, r.name).length === 0) out.add(r.source);
        }
      }
      const isNs = e.group === '' && e.kind === 'Namespace';
      const classes: Array<[string, Labels]> = [[`${e.group}/${e.kind}`, isNs ? namespaceLabels(e) : e.labels]];
      if (e.template) classes.push(['pods', e.template.labels]);
      for (const [cls, labels] of classes) {
        for (const r of selectorsByClass.get(cls) ?? []) {
          if (!inScope(r, e)) continue;
          if (r.matches(labels, e) || (appeared && relatedFiles(r.source.uri, e.uri))) out.add(r.source);
        }
      }
      // A custom resource in a related file may be an operator creating pods: selects-nothing stays quiet then.
      if (appeared && !isBuiltinGroup(e.group)) {
        for (const set of selectorsByClass.values()) for (const r of set) if (r.relation.mustMatch === 'selects-nothing' && inScope(r, e) && relatedFiles(r.source.uri, e.uri)) out.add(r.source);
      }
      if (isNs) for (const set of selectorsByClass.values()) for (const r of set) if (r.nsRule.nsSelector) out.add(r.source);
    }
  }
  return out;
}

/** Whether a selector reference can look at the object's namespace (a namespace selector may match any). */
function inScope(r: SelectorReference, e: IndexedResource): boolean {
  return r.nsRule.all || !!r.nsRule.nsSelector || e.namespace === undefined || r.nsRule.names.includes(e.namespace);
}

/**
 * Dependency stamps of documents: a document's stamp changes whenever the
 * cross-reference results of its objects may have changed (a target, a
 * selected object or a plausibility witness appeared or went away), so
 * per-document caches (the diagnostics) stay valid while it is unchanged.
 */
export class DependencyStamps {
  private readonly stamps = new WeakMap<ManifestDoc, number>();
  private globalStamp = 0;
  private counter = 0;

  /** Gives one document a new stamp. */
  renew(doc: ManifestDoc): void {
    this.stamps.set(doc, ++this.counter);
  }

  /** Gives every document a new stamp at once (bulk invalidation). */
  renewAll(): void {
    this.globalStamp = ++this.counter;
  }

  /** The current stamp of a document; fresh documents start at the global stamp. */
  of(doc: ManifestDoc): number {
    return Math.max(this.stamps.get(doc) ?? 0, this.globalStamp);
  }
}
