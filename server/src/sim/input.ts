// Turning the workspace's resources into plain objects with provenance (one
// FileInput per file, see inputAssembly.ts), and the workspace's whole input in
// the order `kubectl apply` should see it. The server builds FileInputs on its
// main thread (simulationInput.ts) and posts them to the simulation worker, which
// never parses the workspace.

import { isMap, isScalar } from 'yaml';
import { toPlain, type ManifestDoc, type Resource, type SourceFile } from '../model/parse';
import type { Workspace } from '../model/workspace';
import { simulatorDecodeRejection } from '../model/check/resourceCheck';
import { missingApiVersionMessage, missingKindMessage, WorkspaceSchemas, type SchemaRegistry } from '../schema';
import { isKindless, TOOL_FILE } from '../model/documentType';
import { toSimObject } from './boundary';
import { assembleInput, type CollectedInput, type FileInput, type InputEntry } from './inputAssembly';
import type { SimObject, SourceRef } from './types';

export { applyOrder, assembleInput, type CollectedInput, type FileInput, type InputEntry, type InputObject } from './inputAssembly';

/** Source of a resource: its file and the 0-based line where the object starts. */
export function sourceOfResource(r: Resource, lineOf: (uri: string, offset: number) => number): SourceRef {
  const start = r.node.range ? r.node.range[0] : 0;
  return { uri: r.doc.uri, line: lineOf(r.doc.uri, r.doc.start + start) };
}

/**
 * Why kubectl or the API server cannot decode a resource: a YAML error in its
 * document, or what the decoder refuses (unknown fields, wrong types, bad
 * quantities; for custom resources, their CRD's schema). Cached per document.
 */
function decodeFailure(doc: ManifestDoc, r: Resource, registry: SchemaRegistry, lineOf: (offset: number) => number): string | undefined {
  const syntax = doc.problems.find((p) => p.severity === 'error');
  if (syntax) return `error converting YAML to JSON: yaml: line ${lineOf(doc.start + syntax.start) + 1}: ${syntax.message}`;
  // Usually recorded by the editor's validation already (resourceCheck.ts recordDecodeRejection).
  return simulatorDecodeRejection(doc, r, registry);
}

/** A document with a `kind` but no `apiVersion` the model could not type: kubectl refuses it too. */
function untypedObject(doc: ManifestDoc): SimObject | undefined {
  const top = doc.yaml.contents;
  if (doc.resources.length > 0 || !isMap(top)) return undefined;
  const kind = top.get('kind', true);
  if (!isScalar(kind) || typeof kind.value !== 'string' || top.has('apiVersion')) return undefined;
  const plain = toPlain(doc, top);
  return toSimObject(plain);
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

/** True when a document has a resource whose CRDs change what every other resource decodes to. */
export function definesCrds(file: SourceFile | undefined): boolean {
  return !!file && file.docs.some((d) => d.resources.some((r) => r.kind === 'CustomResourceDefinition'));
}

/**
 * What one document contributes: its objects (a document with a `kind` but no
 * `apiVersion`, then its resources) with absolute sources, or why each was left out.
 * `registry`: the workspace's schemas (decode failures of custom resources depend on its CRDs).
 */
export function docInput(file: SourceFile, doc: ManifestDoc, registry: SchemaRegistry): InputEntry[] {
  const entries: InputEntry[] = [];
  const lineOf = (offset: number) => file.lines.positionAt(offset).line;
  if (isKindless(doc)) {
    // kubectl refuses it as written (no kind): the API server never sees it.
    const plain = toPlain(doc, doc.yaml.contents);
    const object = toSimObject(plain);
    const source = { uri: file.uri, line: lineOf(doc.start + (doc.yaml.contents?.range?.[0] ?? 0)) };
    if (object) entries.push({ input: { object, source, decodeFailure: missingKindMessage(plain) } });
    return entries;
  }
  const untyped = untypedObject(doc);
  if (untyped) {
    const source = { uri: file.uri, line: lineOf(doc.start + (doc.yaml.contents?.range?.[0] ?? 0)) };
    entries.push({ input: { object: untyped, source, decodeFailure: missingApiVersionMessage(toPlain(doc, doc.yaml.contents)) } });
  }
  for (const r of doc.resources) {
    const source = sourceOfResource(r, (_uri, offset) => lineOf(offset));
    const plain = toPlain(doc, r.node);
    if (!plain || typeof plain !== 'object' || Array.isArray(plain)) {
      entries.push({ skipped: { source, kind: r.kind, name: r.name, reason: 'could not be read' } });
      continue;
    }
    // Custom resources (argoproj.io, kyverno.io, ...) often use {{ }} as their own runtime syntax: only built-in kinds are checked.
    const at = isBuiltInGroup(r.group) ? placeholderIn(plain) : undefined;
    if (at) {
      entries.push({ skipped: { source, kind: r.kind, name: r.name, reason: `a template: ${at} is ${placeholderText(plain, at)}, filled in by another tool before it is applied` } });
      continue;
    }
    const object = toSimObject(plain);
    if (!object) continue;
    // toSimObject fills a missing apiVersion with "" for the typed simulator; kubectl refuses the object as written.
    const failure = (plain as { apiVersion?: unknown }).apiVersion === undefined ? missingApiVersionMessage(plain) : decodeFailure(doc, r, registry, lineOf);
    entries.push({ input: failure === undefined ? { object, source } : { object, source, decodeFailure: failure } });
  }
  return entries;
}

/**
 * How a file's input is built: its file-level entries (a chart template, a
 * kustomize patch, a file that is not applied), or the documents to pass to
 * docInput one by one (the server builds them in time slices).
 */
export function fileInputPlan(workspace: Workspace, file: SourceFile): { entries: InputEntry[]; docs: readonly ManifestDoc[] } {
  const none = { entries: [], docs: [] };
  if (TOOL_FILE.test(file.uri)) return none;
  const resources = file.docs.flatMap((d) => d.resources);
  if (resources.length === 0 && !file.isTemplate && !file.docs.some(isKindless)) return none;
  if (file.isTemplate) {
    // A chart template does not parse as the objects it renders; one entry for the file.
    return { entries: [{ skipped: { source: { uri: file.uri, line: 0 }, reason: 'a Helm/Go template ({{ }} outside quoted values): it is rendered by its tool before it is applied' } }], docs: [] };
  }
  if (workspace.isPatchFile(file.uri)) {
    const by = workspace.kustomizationsPatching(file.uri).map(relativeName).join(', ');
    const lineOf = (_uri: string, offset: number) => file.lines.positionAt(offset).line;
    return { entries: resources.map((r) => ({ skipped: { source: sourceOfResource(r, lineOf), kind: r.kind, name: r.name, reason: `a kustomize patch (listed under patches by ${by}), not a whole object` } })), docs: [] };
  }
  return { entries: [], docs: file.docs };
}

/** What one file of `workspace` contributes to its simulation. */
export function fileInput(workspace: Workspace, file: SourceFile, registry: SchemaRegistry): FileInput {
  const plan = fileInputPlan(workspace, file);
  const entries = [...plan.entries];
  for (const doc of plan.docs) entries.push(...docInput(file, doc, registry));
  return { uri: file.uri, entries };
}

/**
 * Workspace resources as plain objects with sources, in dependency order
 * (stable within a kind); what was left out, with why. `registry`: the
 * workspace's schemas, built for this run when not given (the CLI has no services).
 */
export function collectInput(workspace: Workspace, registry: SchemaRegistry = new WorkspaceSchemas(workspace).current()): CollectedInput {
  return assembleInput([...workspace.allFiles()].map((file) => fileInput(workspace, file, registry)));
}
