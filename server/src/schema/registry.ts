// The schema registry: built-in kinds from the bundled Kubernetes schema plus the
// kinds that workspace CustomResourceDefinitions add. Built-in kinds always win
// over a CRD claiming the same group/version/kind (the API server refuses such a
// CRD for built-in groups anyway).

import bundled from './generated/k8s.json';
import { kindsFromCrd, type CrdKind } from './crd';
import type { BundledSchema, KindInfo, SchemaNode } from './types';

export const BUNDLED: BundledSchema = bundled as unknown as BundledSchema;

/** Kinds that describe API machinery or list wrappers, not objects one writes in a manifest. */
const NON_OBJECT_KINDS = new Set(['DeleteOptions', 'WatchEvent', 'Status', 'APIGroup', 'APIGroupList', 'APIResourceList', 'APIVersions']);

export interface ResolvedKind {
  info: KindInfo;
  schema: SchemaNode;
}

function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

function key(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/** A built-in definition by name (e.g. io.k8s.api.core.v1.PodSpec). */
export function getDefinition(name: string): SchemaNode | undefined {
  return Object.prototype.hasOwnProperty.call(BUNDLED.definitions, name) ? BUNDLED.definitions[name] : undefined;
}

/** The definition a node refers to (following chains of refs), or the node itself. */
export function deref(node: SchemaNode): SchemaNode {
  let current = node;
  for (let i = 0; i < 8 && current.ref; i++) {
    const target = getDefinition(current.ref);
    if (!target) break;
    current = target;
  }
  return current;
}

/** The built-in kinds, filled once below from the bundled schema (a constant) and never changed after. */
const builtin = new Map<string, ResolvedKind>();
const builtinGroups = new Set<string>();
const builtinList: KindInfo[] = [];
for (const k of BUNDLED.kinds) {
  const schema = BUNDLED.definitions[k.definition];
  if (!schema) continue;
  const info: KindInfo = {
    group: k.group,
    version: k.version,
    kind: k.kind,
    apiVersion: apiVersionOf(k.group, k.version),
    description: schema.description ?? '',
    namespaced: k.namespaced,
    source: { type: 'builtin', kubernetesVersion: BUNDLED.kubernetesVersion },
  };
  builtin.set(key(k.group, k.version, k.kind), { info, schema });
  builtinGroups.add(k.group);
  if (!NON_OBJECT_KINDS.has(k.kind) && !k.kind.endsWith('List')) builtinList.push(info);
}

/** True for API groups the Kubernetes API server itself serves ("" = core). */
export function isBuiltinGroup(group: string): boolean {
  return builtinGroups.has(group);
}

export interface CrdDefinition extends CrdKind {
  /** File that defines the CRD. */
  uri: string;
}

export class SchemaRegistry {
  /** Bumped whenever the set of kinds changes (CRDs added, edited or removed). */
  generation = 0;
  private crdKinds = new Map<string, ResolvedKind>();
  private crdList: KindInfo[] = [];
  private crdSources: readonly unknown[] = [];

  /** Built-in kind or CRD kind for an exact group/version/kind. */
  lookup(group: string, version: string, kind: string): ResolvedKind | undefined {
    const k = key(group, version, kind);
    return builtin.get(k) ?? this.crdKinds.get(k);
  }

  /** Every kind one can write in a manifest: built-in resource kinds, then CRD kinds. */
  allKinds(): KindInfo[] {
    return [...builtinList, ...this.crdList];
  }

  kindsByName(kind: string): KindInfo[] {
    return this.allKinds().filter((k) => k.kind === kind);
  }

  /** Scope of a kind in a group (any version); undefined when unknown. */
  isNamespaced(group: string, kind: string): boolean | undefined {
    for (const k of this.allKinds()) if (k.group === group && k.kind === kind && k.namespaced !== undefined) return k.namespaced;
    return undefined;
  }

  /** True when a workspace CRD defines this group and kind (in any version). */
  hasCrdFor(group: string, kind: string): boolean {
    return this.crdList.some((k) => k.group === group && k.kind === kind);
  }

  /**
   * Replaces the CRD-defined kinds. `sources` identifies the inputs (compared by
   * identity): when they are the same objects as last time nothing is recomputed
   * and the generation stays.
   */
  setCrds(definitions: CrdDefinition[], sources: readonly unknown[] = definitions): void {
    if (sources.length === this.crdSources.length && sources.every((s, i) => s === this.crdSources[i])) return;
    this.crdSources = sources;
    const kinds = new Map<string, ResolvedKind>();
    const list: KindInfo[] = [];
    for (const d of definitions) {
      const k = key(d.group, d.version, d.kind);
      if (builtin.has(k) || kinds.has(k)) continue;
      const info: KindInfo = {
        group: d.group,
        version: d.version,
        kind: d.kind,
        apiVersion: apiVersionOf(d.group, d.version),
        description: d.schema.description ?? `${d.kind} (custom resource defined by ${d.crdName})`,
        namespaced: d.namespaced,
        source: { type: 'crd', uri: d.uri, crdName: d.crdName },
      };
      kinds.set(k, { info, schema: d.schema });
      list.push(info);
    }
    this.crdKinds = kinds;
    this.crdList = list;
    this.generation++;
  }

  /** Convenience for tests and the CLI: the kinds of plain CRD objects from one file. */
  static crdDefinitions(uri: string, crd: unknown): CrdDefinition[] {
    return kindsFromCrd(crd).map((k) => ({ ...k, uri }));
  }
}
