// Turning the workspace's resources into plain objects with provenance, in the
// order `kubectl apply` should see them so references resolve (namespaces
// before what lives in them, classes and quotas before pods).

import { isMap, isScalar } from 'yaml';
import { toPlain, type ManifestDoc, type Resource } from '../model/parse';
import type { Workspace } from '../model/workspace';
import { checkResource, decodeRejection } from '../model/check/resourceCheck';
import { missingApiVersionMessage, missingKindMessage, WorkspaceSchemas, type SchemaRegistry } from '../schema';
import { isKindless, TOOL_FILE } from '../model/documentType';
import type { SkippedDocument } from './state';
import { toSimObject } from './boundary';
import type { KubeObject, SimObject, SourceRef } from './types';

export interface InputObject {
  object: SimObject;
  source: SourceRef;
  /** Why kubectl or the API server cannot decode this manifest (the API server refuses it with this message). */
  decodeFailure?: string;
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

/** A whole scalar that is a substitution placeholder: `${VAR}`, `${VAR:-x}` (envsubst, Flux) or `{{ ... }}` (Helm, Go templates). */
const WHOLE_PLACEHOLDER = /^\s*(\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}|\{\{.*\}\})\s*$/s;
/** A placeholder anywhere in a string. */
const SOME_PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}|\{\{.*?\}\}/s;
/** Subtrees holding free text (scripts, templates of other tools) where a placeholder is just text. */
const FREE_TEXT = new Set(['data', 'stringData', 'binaryData', 'annotations', 'command', 'args']);

/**
 * Where a document is a template to be filled in before it is applied (so
 * applying it as written would report false problems): a placeholder in its
 * identity (metadata name, namespace, labels) or a value that is nothing but a
 * placeholder (`replicas: ${REPLICAS}`, `image: "{{ .Values.image }}"`).
 * Placeholders inside longer text (scripts, alert templates) are left alone.
 */
export function placeholderIn(object: unknown): string | undefined {
  const meta = object && typeof object === 'object' ? (object as { metadata?: unknown }).metadata : undefined;
  if (meta && typeof meta === 'object') {
    const m = meta as Record<string, unknown>;
    for (const key of ['name', 'namespace', 'generateName']) if (typeof m[key] === 'string' && SOME_PLACEHOLDER.test(m[key] as string)) return `metadata.${key}`;
    if (m.labels && typeof m.labels === 'object') {
      for (const [k, v] of Object.entries(m.labels)) if (SOME_PLACEHOLDER.test(k) || (typeof v === 'string' && SOME_PLACEHOLDER.test(v))) return `metadata.labels`;
    }
  }
  const walk = (v: unknown, path: string, depth: number): string | undefined => {
    if (depth > 64) return undefined;
    if (typeof v === 'string') return WHOLE_PLACEHOLDER.test(v) ? path : undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const hit = walk(v[i], `${path}[${i}]`, depth + 1);
        if (hit) return hit;
      }
      return undefined;
    }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (FREE_TEXT.has(k)) continue;
        const hit = walk(child, path ? `${path}.${k}` : k, depth + 1);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(object, '', 0);
}

function placeholderText(object: unknown, path: string): string {
  let v: unknown = object;
  for (const part of path.split(/\.|\[(\d+)\]/).filter(Boolean)) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (typeof v === 'string') {
    const m = SOME_PLACEHOLDER.exec(v);
    if (m) return m[0].length > 60 ? `${m[0].slice(0, 57)}...` : m[0];
  }
  return 'a placeholder';
}

/** The API groups of Kubernetes itself: core, the dotless groups (apps, batch, ...) and *.k8s.io. */
function isBuiltInGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

const relativeName = (uri: string) => uri.slice(uri.lastIndexOf('/', uri.lastIndexOf('/') - 1) + 1);

/** Workspace resources as plain objects with sources, in dependency order (stable within a kind); what was left out, with why. */
export function collectInput(workspace: Workspace, filter?: (uri: string, kind: string) => boolean): { objects: InputObject[]; skipped: SkippedDocument[] } {
  const objects: InputObject[] = [];
  const skipped: SkippedDocument[] = [];
  const lineOf = (uri: string, offset: number) => workspace.get(uri)?.lines.positionAt(offset).line ?? 0;
  const files = [...workspace.allFiles()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  // The workspace's own schemas (bundled kinds plus its CRDs), built for this run: the simulator has no feature context.
  const registry = new WorkspaceSchemas(workspace).current();
  for (const file of files) {
    if (TOOL_FILE.test(file.uri)) continue;
    const resources = file.docs.flatMap((d) => d.resources).filter((r) => !filter || filter(file.uri, r.kind));
    if (resources.length === 0 && !file.isTemplate && !file.docs.some(isKindless)) continue;
    if (file.isTemplate) {
      // A chart template does not parse as the objects it renders; one entry for the file.
      if (!filter || resources.length > 0) skipped.push({ source: { uri: file.uri, line: 0 }, reason: 'a Helm/Go template ({{ }} outside quoted values): it is rendered by its tool before it is applied' });
      continue;
    }
    if (workspace.isPatchFile(file.uri)) {
      const by = workspace.kustomizationsPatching(file.uri).map(relativeName).join(', ');
      for (const r of resources) skipped.push({ source: sourceOfResource(r, lineOf), kind: r.kind, name: r.name, reason: `a kustomize patch (listed under patches by ${by}), not a whole object` });
      continue;
    }
    for (const doc of file.docs) {
      if (!filter && isKindless(doc)) {
        // kubectl refuses it as written (no kind): the API server never sees it.
        const plain = toPlain(doc, doc.yaml.contents);
        const object = toSimObject(plain);
        const source = { uri: file.uri, line: lineOf(file.uri, doc.start + (doc.yaml.contents?.range?.[0] ?? 0)) };
        if (object) objects.push({ object, source, decodeFailure: missingKindMessage(plain) });
        continue;
      }
      const untyped = untypedObject(doc);
      if (untyped && (!filter || filter(file.uri, String(untyped.kind)))) {
        const source = { uri: file.uri, line: lineOf(file.uri, doc.start + (doc.yaml.contents?.range?.[0] ?? 0)) };
        if (!untyped.metadata || typeof untyped.metadata !== 'object' || Array.isArray(untyped.metadata)) untyped.metadata = { name: '' };
        objects.push({ object: untyped, source, decodeFailure: missingApiVersionMessage(toPlain(doc, doc.yaml.contents)) });
      }
      for (const r of doc.resources) {
        if (filter && !filter(file.uri, r.kind)) continue;
        const source = sourceOfResource(r, lineOf);
        const plain = toPlain(doc, r.node);
        if (!plain || typeof plain !== 'object' || Array.isArray(plain)) {
          skipped.push({ source, kind: r.kind, name: r.name, reason: 'could not be read' });
          continue;
        }
        // Custom resources (argoproj.io, kyverno.io, ...) often use {{ }} as their own runtime syntax: only built-in kinds are checked.
        const at = isBuiltInGroup(r.group) ? placeholderIn(plain) : undefined;
        if (at) {
          skipped.push({ source, kind: r.kind, name: r.name, reason: `a template: ${at} is ${placeholderText(plain, at)}, filled in by another tool before it is applied` });
          continue;
        }
        const object = toSimObject(plain);
        if (!object) continue;
        // toSimObject fills a missing apiVersion with "" for the typed simulator; kubectl refuses the object as written.
        const failure = (plain as { apiVersion?: unknown }).apiVersion === undefined ? missingApiVersionMessage(plain) : decodeFailure(doc, r, registry, (offset) => lineOf(file.uri, offset));
        objects.push(failure === undefined ? { object, source } : { object, source, decodeFailure: failure });
      }
    }
  }
  // Stable sort by apply order.
  const indexed = objects.map((o, i) => ({ o, i }));
  indexed.sort((a, b) => applyOrder(a.o.object.kind) - applyOrder(b.o.object.kind) || a.i - b.i);
  return { objects: indexed.map((x) => x.o), skipped };
}
