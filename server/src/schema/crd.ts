// Converts a CustomResourceDefinition (plain JS object, apiextensions.k8s.io/v1 or
// the removed v1beta1 form) into SchemaNodes, one per served version. Input comes
// from user files, so every field is checked before use and nothing throws.

import type { SchemaNode } from './types';

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export interface CrdKind {
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  /** CRD metadata.name (plural.group). */
  crdName: string;
  schema: SchemaNode;
}

const MAX_DEPTH = 64;

const NUMERIC_KEYWORDS = ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;

/** Keywords validation evaluates or that never restrict a value; any other makes a node `unchecked`. */
const EVALUATED_KEYWORDS = new Set([
  'type', 'format', 'description', 'title', 'example', 'externalDocs', 'required', 'properties', 'items', 'additionalProperties',
  'enum', 'default', 'nullable', 'pattern', 'exclusiveMinimum', 'exclusiveMaximum', 'anyOf', 'oneOf', 'allOf', ...NUMERIC_KEYWORDS,
  'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** One openAPIV3Schema node -> SchemaNode. */
export function convertJsonSchema(raw: unknown, depth = 0): SchemaNode {
  if (!isObject(raw) || depth > MAX_DEPTH) return { preserveUnknownFields: true };
  const out: SchemaNode = {};
  const type = str(raw.type);
  if (type) out.type = type;
  const format = str(raw.format);
  if (format) out.format = format;
  const description = str(raw.description);
  if (description) out.description = description;
  if (Array.isArray(raw.required)) out.required = raw.required.filter((r): r is string => typeof r === 'string');
  if (isObject(raw.properties)) {
    out.properties = {};
    for (const [k, v] of Object.entries(raw.properties)) out.properties[k] = convertJsonSchema(v, depth + 1);
  }
  if (isObject(raw.items)) out.items = convertJsonSchema(raw.items, depth + 1);
  if (typeof raw.additionalProperties === 'boolean') out.additionalProperties = raw.additionalProperties;
  else if (isObject(raw.additionalProperties)) out.additionalProperties = convertJsonSchema(raw.additionalProperties, depth + 1);
  if (Array.isArray(raw.enum)) out.enum = raw.enum;
  if ('default' in raw) out.default = raw.default;
  if (raw.nullable === true) out.nullable = true;
  if (raw['x-kubernetes-int-or-string'] === true) out.intOrString = true;
  if (raw['x-kubernetes-preserve-unknown-fields'] === true) out.preserveUnknownFields = true;
  if (raw['x-kubernetes-embedded-resource'] === true) out.embeddedResource = true;
  const listType = str(raw['x-kubernetes-list-type']);
  if (listType) out.listType = listType;
  if (Array.isArray(raw['x-kubernetes-list-map-keys'])) out.listMapKeys = raw['x-kubernetes-list-map-keys'].filter((k): k is string => typeof k === 'string');
  const mapType = str(raw['x-kubernetes-map-type']);
  if (mapType) out.mapType = mapType;
  if (typeof raw.pattern === 'string') out.pattern = raw.pattern;
  for (const key of NUMERIC_KEYWORDS) {
    const v = raw[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  for (const key of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
    const v = raw[key];
    if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[key] = v;
  }
  if (Object.keys(raw).some((k) => !EVALUATED_KEYWORDS.has(k)) || listType === 'set' || listType === 'map') out.unchecked = true;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = raw[key];
    if (Array.isArray(list)) out[key] = list.map((s) => convertJsonSchema(s, depth + 1));
  }
  return out;
}

/** The root schema of a custom resource: apiVersion/kind/metadata are the API server's, not the CRD's. */
function resourceRoot(raw: unknown): SchemaNode {
  const root = convertJsonSchema(raw);
  if (!root.type) root.type = 'object';
  root.properties = {
    ...(root.properties ?? {}),
    apiVersion: { type: 'string', description: root.properties?.apiVersion?.description ?? 'APIVersion of this object.' },
    kind: { type: 'string', description: root.properties?.kind?.description ?? 'Kind of this object.' },
    metadata: { type: 'object', ref: OBJECT_META, description: root.properties?.metadata?.description ?? "Standard object's metadata." },
  };
  return root;
}

/** The kinds a CRD defines (served versions only); [] when the CRD is malformed. */
export function kindsFromCrd(crd: unknown): CrdKind[] {
  if (!isObject(crd) || !isObject(crd.spec)) return [];
  const spec = crd.spec;
  const group = str(spec.group);
  const kind = isObject(spec.names) ? str(spec.names.kind) : undefined;
  if (!group || !kind) return [];
  const namespaced = spec.scope !== 'Cluster';
  const crdName = (isObject(crd.metadata) ? str(crd.metadata.name) : undefined) ?? `${kind}.${group}`;
  // v1beta1 CRDs may carry one schema for all versions.
  const sharedSchema = isObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  const out: CrdKind[] = [];
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  for (const v of versions) {
    if (!isObject(v)) continue;
    const name = str(v.name);
    if (!name || v.served === false) continue;
    const raw = isObject(v.schema) ? v.schema.openAPIV3Schema : sharedSchema;
    out.push({ group, version: name, kind, namespaced, crdName, schema: raw === undefined ? { type: 'object', preserveUnknownFields: true } : resourceRoot(raw) });
  }
  const single = str(spec.version);
  if (versions.length === 0 && single) {
    out.push({ group, version: single, kind, namespaced, crdName, schema: sharedSchema === undefined ? { type: 'object', preserveUnknownFields: true } : resourceRoot(sharedSchema) });
  }
  return out;
}
