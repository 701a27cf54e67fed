// Cross-reference diagnostics of one file: dangling names (missing-reference),
// selectors matching nothing (selects-nothing), Service targetPort names no
// selected container declares (target-port-not-found) and objects defined twice
// (duplicate-resource). A workload selector that misses its own pod template is
// the API server's rejection: the validation core reports it (api-invalid).
//
// False-alarm rule (real projects split manifests across repositories):
// a missing target is reported only when the workspace "could plausibly
// contain it" — some object of the target kind exists in the target namespace
// (any namespace for cluster-scoped kinds) in a *related* file: same directory,
// or one directory inside the other. Objects every cluster has (the `default`
// ServiceAccount, `kube-root-ca.crt`, built-in ClusterRoles and PriorityClasses)
// are never reported. selects-nothing uses the same rule with pod templates.
// duplicate-resource needs both definitions in the same file: separate files,
// even in one directory, are very often alternatives applied one at a time
// (examples, versions, overlays); so are the documents of test-sample folders.
//
// Incremental: the results of each document are cached on it in terms of model
// nodes (positions are only computed when publishing, so a document that moved
// keeps its cache) and reused while the reference graph's dependency stamp of
// the document is unchanged. A keystroke in a 1,000-document file thus
// re-checks the edited document and the few documents depending on it.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Node } from 'yaml';
import { isMap, isSeq } from 'yaml';
import { nameNode, relatedFiles, type IndexedResource } from '../model/index';
import { DocCacheSlot, type ManifestDoc, type SourceFile } from '../model/parse';
import { containerPorts, isName, isPortName, isSelector, referencesOf, type NameReference, type ReferenceGraph, type SelectorReference, type PortNameReference } from '../model/references';
import type { FeatureContext } from './context';
import { SOURCE } from './diagnostics';
import { describe, locationOf, rangeIn } from './xrefLocations';
import { convertedDiagnostics, convertedSlot } from './diagnosticCache';

/**
 * Policy-test tool directories (Kyverno's `.kyverno-test/`, Chainsaw's
 * `.chainsaw-test/`) and Go-style `testdata/`/`fixtures/` folders hold
 * independent, often deliberately broken samples that are fed to a tool one at a
 * time, never applied together: no duplicate-resource there. Named folders only, so that an ordinary
 * manifest under some other dot-directory is checked in full.
 */
const SAMPLE_DIR = /\/(\.kyverno-test|\.chainsaw-test|testdata|fixtures)\//;

/** Labels controllers put on individual pods, which no template shows. */
const CONTROLLER_LABELS = new Set(['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'pod-template-hash', 'controller-uid', 'batch.kubernetes.io/controller-uid', 'controller-revision-hash', 'pod-template-generation', 'batch.kubernetes.io/job-completion-index']);

const WELL_KNOWN: Record<string, (name: string, namespace?: string) => boolean> = {
  ServiceAccount: (n) => n === 'default',
  ConfigMap: (n, ns) => n === 'kube-root-ca.crt' || (ns === 'kube-system' && n === 'extension-apiserver-authentication'),
  ClusterRole: (n) => ['cluster-admin', 'admin', 'edit', 'view'].includes(n) || n.startsWith('system:'),
  Role: (n, ns) => n.startsWith('system:') || (ns === 'kube-system' && n === 'extension-apiserver-authentication-reader'),
  PriorityClass: (n) => n === 'system-cluster-critical' || n === 'system-node-critical',
};

function plausible(g: ReferenceGraph, sourceUri: string, group: string, kind: string, namespace: string | undefined): boolean {
  for (const e of g.index.ofKind(group, kind)) {
    if (e.namespace === namespace && relatedFiles(sourceUri, e.uri)) return true;
  }
  return false;
}

/** A diagnostic in terms of model nodes: converted to a position only when published. */
interface PendingDiagnostic {
  readonly owner: IndexedResource;
  readonly node: Node;
  readonly severity: DiagnosticSeverity;
  readonly code: string;
  readonly message: string;
  readonly data?: unknown;
  readonly related: PendingRelated[];
}

interface PendingRelated {
  readonly owner: IndexedResource;
  readonly node: Node | undefined;
  readonly message: string;
}

type Out = PendingDiagnostic[];

function diag(owner: IndexedResource, node: Node, severity: DiagnosticSeverity, code: string, message: string, data?: unknown, related: PendingRelated[] = []): PendingDiagnostic {
  return { owner, node, severity, code, message, data, related };
}

function related(_g: ReferenceGraph, owner: IndexedResource, node: Node | undefined, message: string): PendingRelated[] {
  return [{ owner, node, message }];
}

function materialize(g: ReferenceGraph, file: SourceFile, p: PendingDiagnostic, dependOn: (doc: ManifestDoc) => void): Diagnostic | undefined {
  const range = rangeIn(file, p.owner, p.node);
  if (!range) return undefined;
  dependOn(p.owner.resource.doc);
  const d: Diagnostic = { range, severity: p.severity, source: SOURCE, code: p.code, message: p.message };
  if (p.data !== undefined) d.data = p.data;
  const rel: DiagnosticRelatedInformation[] = [];
  for (const r of p.related) {
    dependOn(r.owner.resource.doc);
    const location = locationOf(g.workspace, r.owner, r.node);
    if (location) rel.push({ location, message: r.message });
  }
  if (rel.length > 0) d.relatedInformation = rel;
  return d;
}

function checkName(g: ReferenceGraph, uri: string, r: NameReference, out: Out): void {
  if (r.relation.diagnose === false || r.optional) return;
  const targets = g.resolve(r);
  const ns = r.namespace ? ` in namespace ${r.namespace}` : '';
  if (targets.length === 0) {
    if (WELL_KNOWN[r.target.kind]?.(r.name, r.namespace)) return;
    if (!plausible(g, uri, r.target.group, r.target.kind, r.namespace)) return;
    out.push(
      diag(r.source, r.node, DiagnosticSeverity.Warning, 'missing-reference', `${r.target.kind} "${r.name}"${ns} (${r.relation.label}) is not defined in the workspace.`, {
        targetKind: r.target.kind, name: r.name, namespace: r.namespace, sourceKind: r.source.kind,
      }),
    );
    return;
  }
  const t = targets[0];
  if (r.key) {
    const has = targets.some((x) => (r.relation.key?.in ?? []).some((m) => {
      const map = x.entry.resource.node.get(m, true);
      return isMap(map) && map.has(r.key!.value);
    }));
    if (!has) {
      out.push(
        diag(r.source, r.key.node, DiagnosticSeverity.Warning, 'missing-reference', `${r.target.kind} "${r.name}" has no key "${r.key.value}".`, {
          targetKind: r.target.kind, name: r.name, namespace: r.namespace, key: r.key.value, sourceKind: r.source.kind,
        }, related(g, t.entry, t.node, `${r.target.kind} ${r.name}`)),
      );
    }
  }
  if (r.relation.id === 'statefulset-service' && !targets.some((x) => x.entry.resource.node.getIn(['spec', 'clusterIP']) === 'None')) {
    // The StatefulSet controller relies on the governing Service for the pods' stable DNS names
    // (`db-0.db.ns.svc`), which only a headless Service provides.
    out.push(
      diag(r.source, r.node, DiagnosticSeverity.Warning, 'service-not-headless', `StatefulSet serviceName "${r.name}" names a Service with a cluster IP; its pods get stable DNS names (${r.source.name}-0.${r.name}) only from a headless Service (clusterIP: None).`, {
        service: r.name, namespace: r.namespace,
      }, related(g, t.entry, t.node, `Service ${r.name}`)),
    );
  }
  if (r.port) {
    const ports = t.entry.resource.node.getIn(['spec', 'ports'], true);
    const found = isSeq(ports) && ports.items.some((p) => isMap(p) && (r.port!.name !== undefined ? p.get('name') === r.port!.name : p.get('port') === r.port!.number));
    if (!found) {
      const portText = r.port.name ?? String(r.port.number);
      out.push(
        diag(r.source, r.port.node, DiagnosticSeverity.Warning, 'missing-reference', `Service "${r.name}" has no port ${r.port.name ? `named "${portText}"` : portText}.`, {
          targetKind: 'Service port', name: r.name, namespace: r.namespace, key: portText, sourceKind: r.source.kind,
        }, related(g, t.entry, t.node, `Service ${r.name}`)),
      );
    }
  }
}

function checkSelector(g: ReferenceGraph, uri: string, r: SelectorReference, out: Out): void {
  const must = r.relation.mustMatch;
  if (!must || g.resolve(r).length > 0) return;
  // selects-nothing: only when pods of that namespace live in related files (the workloads are plausibly here),
  // no custom resource there could be an operator creating the pods, and the selector does not test labels
  // that controllers add to individual pods.
  if (r.keys.some((k) => CONTROLLER_LABELS.has(k))) return;
  const nss = g.namespacesOf(r);
  const names = nss === 'all' ? g.index.namespacesWithTemplates() : [...nss];
  const hasPods = names.some((ns) => [...g.index.templates(ns)].some((t) => relatedFiles(uri, t.owner.uri)));
  if (!hasPods) return;
  const crNamespaces = nss === 'all' ? g.index.namespacesWithCustomResources() : [...nss];
  for (const ns of crNamespaces) for (const e of g.index.customResources(ns)) if (relatedFiles(uri, e.uri)) return;
  const ns = r.source.namespace ?? 'default';
  out.push(
    diag(r.source, r.node, DiagnosticSeverity.Warning, 'selects-nothing', `${r.source.kind} ${r.source.name} selector (${r.text}) matches no pods or pod templates in namespace ${ns}.`, {
      kind: r.source.kind, namespace: ns, selector: r.text,
    }),
  );
}

function checkPortName(g: ReferenceGraph, uri: string, r: PortNameReference, out: Out): void {
  if (g.resolve(r).length > 0) return;
  const via = referencesOf(r.source).find((x): x is SelectorReference => isSelector(x) && x.relation.id === r.relation.via);
  // In file order, so the message does not depend on the order objects were indexed in.
  const templates = (via ? g.resolve(via) : []).slice().sort((a, b) => compareEntries(a.entry, b.entry));
  if (templates.length === 0) return; // nothing selected: selects-nothing covers it
  const candidates = templates.flatMap((t) => containerPorts(t.template!)).filter((p) => p.containerPort !== undefined).map((p) => ({ name: p.name, containerPort: p.containerPort! }));
  const names = candidates.filter((c) => c.name).map((c) => `"${c.name}"`);
  out.push(
    diag(r.source, r.node, DiagnosticSeverity.Warning, 'target-port-not-found', `No container of the selected pods (${templates.map((t) => describe(t.entry)).join(', ')}) declares a port named "${r.portName}"${names.length ? `; named ports: ${[...new Set(names)].join(', ')}` : ''}.`, {
      portName: r.portName, candidates,
    }, templates.map((t) => related(g, t.entry, t.template!.node, `selected ${t.entry.kind} ${t.entry.name}`)[0]).filter((x) => !!x)),
  );
}


function compareEntries(a: IndexedResource, b: IndexedResource): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.resource.doc.index - b.resource.doc.index || (a.resource.listIndex ?? 0) - (b.resource.listIndex ?? 0);
}

function checkDuplicate(g: ReferenceGraph, e: IndexedResource, out: Out): void {
  if (!e.id) return;
  const others = g.index.byIdentity(e.id).filter((o) => o !== e && o.uri === e.uri);
  if (others.length === 0) return;
  const node = nameNode(e.resource);
  if (!node) return;
  out.push(
    diag(e, node, DiagnosticSeverity.Error, 'duplicate-resource', `${describe(e)} is defined more than once${e.namespace ? ` in namespace ${e.namespace}` : ''}; applying both makes one overwrite the other.`, undefined,
      others.flatMap((o) => related(g, o, nameNode(o.resource), 'other definition'))),
  );
}

/** Diagnostics of the objects of one document (all from `entries`, which share the document). */
function documentDiagnostics(g: ReferenceGraph, uri: string, entries: IndexedResource[]): Out {
  const out: Out = [];
  for (const e of entries) {
    for (const r of referencesOf(e)) {
      if (isName(r)) checkName(g, uri, r, out);
      else if (isSelector(r)) checkSelector(g, uri, r, out);
      else if (isPortName(r)) checkPortName(g, uri, r, out);
    }
  }
  if (!SAMPLE_DIR.test(uri)) for (const e of entries) checkDuplicate(g, e, out);
  return out;
}

const PUBLISH_KEY = convertedSlot('xref.published');

interface CachedDiagnostics {
  readonly graph: ReferenceGraph;
  readonly stamp: number;
  readonly uri: string;
  readonly entries: IndexedResource[];
  readonly pending: Out;
}

const CACHE_KEY = new DocCacheSlot<CachedDiagnostics>('xref.diagnostics');

/** Counts documents whose cross-reference diagnostics were (re)computed, for tests of the caching. Instrumentation only: no server logic reads it. */
export const crossRefStats = { documentsComputed: 0 };

/** `doc`'s entries are all[from, to) (the file's entries, in document order): sliced only when the cache misses. */
function cachedDocumentDiagnostics(g: ReferenceGraph, uri: string, doc: ManifestDoc, all: IndexedResource[], from: number, to: number): Out {
  const stamp = g.stampOf(doc);
  const cached = doc.cache.get(CACHE_KEY);
  if (cached && cached.graph === g && cached.stamp === stamp && cached.uri === uri && sameEntries(cached.entries, all, from, to)) return cached.pending;
  crossRefStats.documentsComputed++;
  const entries = all.slice(from, to);
  const pending = documentDiagnostics(g, uri, entries);
  doc.cache.set(CACHE_KEY, { graph: g, stamp, uri, entries, pending } satisfies CachedDiagnostics);
  return pending;
}

function sameEntries(a: IndexedResource[], all: IndexedResource[], from: number, to: number): boolean {
  if (a.length !== to - from) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== all[from + i]) return false;
  return true;
}

export function crossRefDiagnostics(ctx: FeatureContext, file: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const steps = crossRefSteps(ctx, file, out);
  while (!steps.next().done);
  return out;
}

/**
 * crossRefDiagnostics one document at a time: appends each document's
 * diagnostics to `out` and yields after it (the diagnostic scheduler's steps).
 */
export function* crossRefSteps(ctx: FeatureContext, file: SourceFile, out: Diagnostic[]): Generator<void, void, undefined> {
  if (file.isTemplate) return;
  const g = ctx.services.graph;
  const all = g.index.inFile(file.uri);
  // Index entries come in document order: one run of entries per document.
  for (let i = 0; i < all.length; ) {
    const doc = all[i].resource.doc;
    let j = i + 1;
    while (j < all.length && all[j].resource.doc === doc) j++;
    const pending = cachedDocumentDiagnostics(g, file.uri, doc, all, i, j);
    // Positions are computed once per document and reused while nothing it points at moved (diagnosticCache.ts).
    const converted = convertedDiagnostics(PUBLISH_KEY, g.workspace, file, doc, pending, (dependOn) => {
      const list: Diagnostic[] = [];
      for (const p of pending) {
        const d = materialize(g, file, p, dependOn);
        if (d) list.push(d);
      }
      return list;
    });
    for (const d of converted) out.push(d);
    i = j;
    yield;
  }
}
