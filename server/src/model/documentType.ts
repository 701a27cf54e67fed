// Which Kubernetes objects a parsed YAML document holds, and their type: the
// object itself, or the items of a `*List`. A written type that is not served
// but has a plain intent (no apiVersion, a kind in the wrong case, a kind under
// the wrong group) is inferred as schema/decode.ts does, and the written type is
// kept on the resource so validation can report kubectl's refusal.
//
// Inference reads the built-in kinds only (registryFor() without a context, an
// immutable registry): a document's resources never depend on other files, so a
// parsed document can be reused whatever the workspace's CRDs are.

import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { inferTypeMeta, registryFor } from '../schema';
import type { ManifestDoc, Resource } from './document';

/** Files of other tools that kubectl is not meant to apply (kustomizations, Helm charts and values). */
export const TOOL_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization|Chart\.ya?ml|values[^/]*\.ya?ml)$/;

/**
 * A document kubectl refuses with `Object 'Kind' is missing`: a mapping with a
 * string `apiVersion` and no `kind`, outside the files of other tools.
 */
export function isKindless(doc: ManifestDoc): boolean {
  const top = doc.yaml.contents;
  return isMap(top) && !top.has('kind') && stringValue(top, 'apiVersion') !== undefined && !TOOL_FILE.test(doc.uri);
}

function stringValue(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key, true);
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

/** The resource a node is (a mapping with a kind and a known or inferable apiVersion), if any. */
function resourceOf(doc: ManifestDoc, node: Node | null | undefined, listIndex?: number): Resource | undefined {
  if (!isMap(node)) return undefined;
  const writtenApiVersion = stringValue(node, 'apiVersion');
  const writtenKind = stringValue(node, 'kind');
  if (writtenKind === undefined) return undefined;
  let apiVersion = writtenApiVersion;
  let kind = writtenKind;
  let written: Resource['written'];
  const type = inferTypeMeta(writtenApiVersion, writtenKind, registryFor());
  if (type && (type.apiVersion !== writtenApiVersion || type.kind !== writtenKind)) {
    apiVersion = type.apiVersion;
    kind = type.kind;
    written = writtenApiVersion === undefined ? { kind: writtenKind } : { apiVersion: writtenApiVersion, kind: writtenKind };
  }
  if (apiVersion === undefined) return undefined;
  const slash = apiVersion.indexOf('/');
  const meta = node.get('metadata', true);
  const name = isMap(meta) ? stringValue(meta, 'name') : undefined;
  const namespace = isMap(meta) ? stringValue(meta, 'namespace') : undefined;
  return {
    doc,
    node,
    apiVersion,
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind,
    name,
    namespace,
    listIndex,
    ...(written ? { written } : {}),
  };
}

/**
 * The resources of a document whose YAML is `doc.yaml`: `isKubernetes` when its
 * top node is an object (a List counts), `resources` that object or the List's items.
 */
export function documentResources(doc: ManifestDoc): { isKubernetes: boolean; resources: Resource[] } {
  const top = resourceOf(doc, doc.yaml.contents as Node | null);
  if (!top) return { isKubernetes: false, resources: [] };
  const items = top.kind.endsWith('List') ? top.node.get('items', true) : undefined;
  if (!isSeq(items)) return { isKubernetes: true, resources: [top] };
  const resources: Resource[] = [];
  items.items.forEach((item, i) => {
    const r = resourceOf(doc, item as Node, i);
    if (r) resources.push(r);
  });
  return { isKubernetes: true, resources };
}
