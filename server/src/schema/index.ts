// Schema API — the one entry point other layers use to ask "what schema applies here?"
//
//   getSchemaForResource(group, version, kind, ctx?) -> SchemaNode | undefined
//       Exact group/version/kind only (never a guess). With `ctx` ({ services: { schemas } }),
//       kinds from workspace CustomResourceDefinitions are included.
//   getKindInfo(group, version, kind, ctx?) -> KindInfo | undefined
//       apiVersion, description, namespaced, and `source`: { type: 'builtin' } or
//       { type: 'crd', uri, crdName } (hover: "schema from CRD in file X").
//   resolveSchemaAtPath(root, path) -> SchemaNode | undefined
//       Walks keys/indices below a schema node through refs, properties, items and
//       additionalProperties. Returns the node as written at that position (it may
//       carry `ref` and its own description); call deref(node) for the referenced
//       definition's properties/required. undefined = no schema there (unknown field
//       or free-form object).
//   deref(node) -> SchemaNode         getDefinition(name) -> SchemaNode | undefined
//   allKinds(ctx?) -> KindInfo[]      kindsByName(kind, ctx?) -> KindInfo[]
//   isNamespaced(group, kind, ctx?) -> boolean | undefined   (from the REST paths / CRD scope)
//   isBuiltinGroup(group) -> boolean  ("" = core)
//   registryFor(ctx?) -> SchemaRegistry   (the registry of ctx.services.schemas, a
//       WorkspaceSchemas the server's services own, re-synced lazily when the workspace
//       generation changes; `registry.generation` changes only when the set of CRD
//       kinds changes — use it in cache keys)
//   closestMatch(word, candidates) -> string | undefined   ("did you mean")
//
// Types: SchemaNode, KindInfo, SchemaSource in ./types. This layer does not import
// the model: the workspace is read through the small structural interface below,
// which model/workspace.ts's Workspace satisfies.

import { SchemaRegistry, deref, type CrdDefinition } from './registry';
import { kindsFromCrd } from './crd';
import type { KindInfo, SchemaNode } from './types';

export type { SchemaNode, KindInfo, SchemaSource, GroupVersionKind } from './types';
export { SchemaRegistry, deref, getDefinition, isBuiltinGroup } from './registry';
export type { CrdDefinition } from './registry';
export { closestMatch, editDistance } from './suggest';
export { kindsFromCrd, convertJsonSchema } from './crd';
export { decodeTypeMeta, inferTypeMeta, problemText, preferredKind, versionRank, splitApiVersion, goJson, noMatchMessage, missingApiVersionMessage, missingKindMessage } from './decode';
export type { TypeMeta, DecodeProblem, DecodedTypeMeta, DecodeCode } from './decode';
export { findDeprecation, deprecationStatus } from './deprecations';

/** What the registry needs from a workspace (structurally satisfied by model Workspace). */
export interface CrdSourceWorkspace {
  generation: number;
  allFiles(): Iterable<{
    readonly uri: string;
    readonly isTemplate: boolean;
    readonly docs: ReadonlyArray<{
      readonly yaml: unknown;
      readonly resources: ReadonlyArray<{ readonly apiVersion: string; readonly kind: string; readonly node: unknown }>;
    }>;
  }>;
}

/**
 * What schema lookups need: the workspace's schema registry (FeatureContext
 * satisfies this through its `services`). Without a context only built-in kinds.
 */
export interface SchemaContext {
  readonly services: { readonly schemas: WorkspaceSchemas };
}

/** Built-in kinds only: immutable after construction, so one per process is fine. */
const defaultRegistry = new SchemaRegistry();

type CrdSourceDoc = { yaml: unknown; resources: ReadonlyArray<{ apiVersion: string; kind: string; node: unknown }> };

/**
 * Pure cache: the CRD definitions of each parsed document (immutable, and belonging to one
 * file), shared by every workspace holding it (the editor's and each overlay view's).
 */
const crdsOfDoc = new WeakMap<CrdSourceDoc, CrdDefinition[]>();

function crdDefinitionsOfDoc(uri: string, doc: CrdSourceDoc): CrdDefinition[] {
  const out: CrdDefinition[] = [];
  for (const r of doc.resources) {
    if (r.kind !== 'CustomResourceDefinition' || !r.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
    let plain: unknown;
    try {
      plain = (r.node as { toJS(doc: unknown, opts: unknown): unknown }).toJS(doc.yaml, { maxAliasCount: 100 });
    } catch {
      continue;
    }
    for (const k of kindsFromCrd(plain)) out.push({ ...k, uri });
  }
  return out;
}

/** The schema registry of one workspace: built-in kinds plus its CRDs, re-synced when the workspace generation changes. */
export class WorkspaceSchemas {
  private readonly registry = new SchemaRegistry();
  private syncedGeneration = -1;

  constructor(private readonly workspace: CrdSourceWorkspace) {}

  current(): SchemaRegistry {
    const ws = this.workspace;
    if (this.syncedGeneration === ws.generation) return this.registry;
    const defs: CrdDefinition[] = [];
    const sources: unknown[] = [];
    for (const file of ws.allFiles()) {
      if (file.isTemplate) continue;
      for (const doc of file.docs) {
        if (!doc.resources.some((r) => r.kind === 'CustomResourceDefinition')) continue;
        let d = crdsOfDoc.get(doc);
        if (!d) crdsOfDoc.set(doc, (d = crdDefinitionsOfDoc(file.uri, doc)));
        if (d.length === 0) continue;
        defs.push(...d);
        sources.push(doc);
      }
    }
    this.registry.setCrds(defs, sources);
    this.syncedGeneration = ws.generation;
    return this.registry;
  }
}

/** The registry for a context's workspace (built-in kinds only without ctx), synced with its CRDs. */
export function registryFor(ctx?: SchemaContext): SchemaRegistry {
  return ctx ? ctx.services.schemas.current() : defaultRegistry;
}

export function getSchemaForResource(group: string, version: string, kind: string, ctx?: SchemaContext): SchemaNode | undefined {
  return registryFor(ctx).lookup(group, version, kind)?.schema;
}

export function getKindInfo(group: string, version: string, kind: string, ctx?: SchemaContext): KindInfo | undefined {
  return registryFor(ctx).lookup(group, version, kind)?.info;
}

export function allKinds(ctx?: SchemaContext): KindInfo[] {
  return registryFor(ctx).allKinds();
}

export function kindsByName(kind: string, ctx?: SchemaContext): KindInfo[] {
  return registryFor(ctx).kindsByName(kind);
}

export function isNamespaced(group: string, kind: string, ctx?: SchemaContext): boolean | undefined {
  return registryFor(ctx).isNamespaced(group, kind);
}

/** The schema of a map's value for `key`: a declared property, else the additionalProperties schema. */
export function propertySchema(node: SchemaNode, key: string): SchemaNode | undefined {
  const d = deref(node);
  const p = d.properties && Object.prototype.hasOwnProperty.call(d.properties, key) ? d.properties[key] : undefined;
  if (p) return p;
  if (d.additionalProperties && typeof d.additionalProperties === 'object') return d.additionalProperties;
  return undefined;
}

export function resolveSchemaAtPath(root: SchemaNode, path: ReadonlyArray<string | number>): SchemaNode | undefined {
  let current: SchemaNode | undefined = root;
  for (const seg of path) {
    if (!current) return undefined;
    if (typeof seg === 'number') {
      current = deref(current).items;
    } else {
      current = propertySchema(current, seg);
    }
  }
  return current;
}

/** Short type name for messages: the definition's last segment (RollingUpdateDeployment). */
export function typeName(node: SchemaNode): string | undefined {
  if (!node.ref) return undefined;
  return node.ref.slice(node.ref.lastIndexOf('.') + 1);
}
