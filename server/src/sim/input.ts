// Turning the workspace's resources into plain objects with provenance, in the
// order `kubectl apply` should see them so references resolve (namespaces
// before what lives in them, classes and quotas before pods).

import { isMap, isScalar } from 'yaml';
import { toPlain, type ManifestDoc, type Resource } from '../model/parse';
import type { Workspace } from '../model/workspace';
import { checkResource, decodeRejection } from '../model/check/resourceCheck';
import { missingApiVersionMessage, WorkspaceSchemas, type SchemaRegistry } from '../schema';
import { markDecodeFailure } from './apiserver';
import type { KubeObject, SourceRef } from './types';

export interface InputObject {
  object: KubeObject;
  source: SourceRef;
}

const ORDER: Record<string, number> = {
  CustomResourceDefinition: 0,
  Namespace: 1,
  PriorityClass: 2,
  RuntimeClass: 2,
  StorageClass: 3,
  PersistentVolume: 4,
  ResourceQuota: 5,
  LimitRange: 5,
  ServiceAccount: 6,
  ConfigMap: 6,
  Secret: 6,
  PersistentVolumeClaim: 7,
  Node: 8,
  Service: 9,
  PodDisruptionBudget: 9,
};
const DEFAULT_ORDER = 10;
/** Autoscalers go last so their targets exist. */
const LATE: Record<string, number> = { HorizontalPodAutoscaler: 11 };

export function applyOrder(kind: string): number {
  return ORDER[kind] ?? LATE[kind] ?? DEFAULT_ORDER;
}

/** Source of a resource: its file and the 0-based line where the object starts. */
export function sourceOfResource(r: Resource, lineOf: (uri: string, offset: number) => number): SourceRef {
  const start = r.node.range ? r.node.range[0] : 0;
  return { uri: r.doc.uri, line: lineOf(r.doc.uri, r.doc.start + start) };
}

const DECODE_CACHE_KEY = 'sim.decode';

/**
 * Why kubectl or the API server cannot decode a resource: a YAML error in its
 * document, or what the decoder refuses (unknown fields, wrong types, bad
 * quantities; for custom resources, their CRD's schema). Cached per document.
 */
function decodeFailure(doc: ManifestDoc, r: Resource, registry: SchemaRegistry, lineOf: (offset: number) => number): string | undefined {
  const syntax = doc.problems.find((p) => p.severity === 'error');
  if (syntax) return `error converting YAML to JSON: yaml: line ${lineOf(doc.start + syntax.start) + 1}: ${syntax.message}`;
  const stamp = registry.generation;
  let cache = doc.cache.get(DECODE_CACHE_KEY) as { registry: SchemaRegistry; stamp: number; byResource: Map<Resource, string | undefined> } | undefined;
  if (!cache || cache.registry !== registry || cache.stamp !== stamp) {
    cache = { registry, stamp, byResource: new Map() };
    doc.cache.set(DECODE_CACHE_KEY, cache);
  }
  if (cache.byResource.has(r)) return cache.byResource.get(r);
  const check = checkResource(doc, r, registry, { kubernetesVersion: '1.36', isPatch: false, core: false });
  const type = check.decoded?.type;
  const resolved = type ? registry.lookup(type.group, type.version, type.kind) : undefined;
  const message = type && resolved && !check.decoded?.inferred ? decodeRejection(type.kind, type.version, check.name, check.diagnostics, resolved.info.source.type === 'builtin') : undefined;
  cache.byResource.set(r, message);
  return message;
}

/** A document with a `kind` but no `apiVersion` the model could not type: kubectl refuses it too. */
function untypedObject(doc: ManifestDoc): KubeObject | undefined {
  const top = doc.yaml.contents;
  if (doc.resources.length > 0 || !isMap(top)) return undefined;
  const kind = top.get('kind', true);
  if (!isScalar(kind) || typeof kind.value !== 'string' || top.has('apiVersion')) return undefined;
  const plain = toPlain(doc, top);
  return plain && typeof plain === 'object' && !Array.isArray(plain) ? (plain as KubeObject) : undefined;
}

/** Workspace resources as plain objects with sources, in dependency order (stable within a kind). */
export function collectInput(workspace: Workspace, filter?: (uri: string, kind: string) => boolean): { objects: InputObject[]; skipped: Array<{ source: SourceRef; message: string }> } {
  const objects: InputObject[] = [];
  const skipped: Array<{ source: SourceRef; message: string }> = [];
  const lineOf = (uri: string, offset: number) => workspace.get(uri)?.lines.positionAt(offset).line ?? 0;
  const files = [...workspace.allFiles()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  // The workspace's own schemas (bundled kinds plus its CRDs), built for this run: the simulator has no feature context.
  const registry = new WorkspaceSchemas(workspace).current();
  for (const file of files) {
    if (file.isTemplate || workspace.isPatchFile(file.uri)) continue;
    if (/(^|\/)(kustomization\.ya?ml|Kustomization|Chart\.ya?ml|values[^/]*\.ya?ml)$/.test(file.uri)) continue;
    for (const doc of file.docs) {
      const untyped = untypedObject(doc);
      if (untyped && (!filter || filter(file.uri, String(untyped.kind)))) {
        const source = { uri: file.uri, line: lineOf(file.uri, doc.start + (doc.yaml.contents?.range?.[0] ?? 0)) };
        if (!untyped.metadata || typeof untyped.metadata !== 'object' || Array.isArray(untyped.metadata)) untyped.metadata = { name: '' };
        markDecodeFailure(untyped, missingApiVersionMessage(toPlain(doc, doc.yaml.contents)));
        objects.push({ object: untyped, source });
      }
      for (const r of doc.resources) {
        if (filter && !filter(file.uri, r.kind)) continue;
        const source = sourceOfResource(r, lineOf);
        const plain = toPlain(doc, r.node);
        if (!plain || typeof plain !== 'object' || Array.isArray(plain)) {
          skipped.push({ source, message: `${r.kind}: could not be read` });
          continue;
        }
        const object = plain as KubeObject;
        const failure = decodeFailure(doc, r, registry, (offset) => lineOf(file.uri, offset));
        if (!object.metadata || typeof object.metadata !== 'object' || Array.isArray(object.metadata)) object.metadata = { name: '' };
        if (failure !== undefined) markDecodeFailure(object, failure);
        objects.push({ object, source });
      }
    }
  }
  // Stable sort by apply order.
  const indexed = objects.map((o, i) => ({ o, i }));
  indexed.sort((a, b) => applyOrder(a.o.object.kind) - applyOrder(b.o.object.kind) || a.i - b.i);
  return { objects: indexed.map((x) => x.o), skipped };
}
