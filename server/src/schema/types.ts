// Shapes of the bundled Kubernetes schema and of the schema nodes handed to
// completion, hover and validation. The same SchemaNode shape is used for built-in
// definitions (generated from the official OpenAPI v2 spec) and for workspace
// CustomResourceDefinitions (converted from their openAPIV3Schema).

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface SchemaNode {
  /** JSON type: object, array, string, integer, number, boolean; absent = any. */
  type?: string;
  /** int32, int64, double, byte, date-time, int-or-string, quantity, ... */
  format?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  /** Map values (object with arbitrary keys); `true` = any value. */
  additionalProperties?: SchemaNode | boolean;
  enum?: unknown[];
  default?: unknown;
  /** Definition name this node refers to (e.g. io.k8s.api.core.v1.PodSpec); see deref(). */
  ref?: string;
  /** Accepts an integer or a string (IntOrString, x-kubernetes-int-or-string). */
  intOrString?: boolean;
  /** Any fields are allowed below this node (x-kubernetes-preserve-unknown-fields). */
  preserveUnknownFields?: boolean;
  /** `null` is an accepted value (CRD `nullable`). */
  nullable?: boolean;
  /** x-kubernetes-embedded-resource: an object with apiVersion/kind/metadata. */
  embeddedResource?: boolean;
  /** x-kubernetes-list-type: atomic | set | map. */
  listType?: string;
  /** x-kubernetes-list-map-keys. */
  listMapKeys?: string[];
  /** x-kubernetes-map-type: atomic | granular. */
  mapType?: string;
  patchMergeKey?: string;
  patchStrategy?: string;
  unions?: unknown[];
  /** Value constraints (CRD schemas; the built-in OpenAPI spec declares none). */
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** OpenAPI 3.0 booleans (a number is also accepted, as in later JSON Schema drafts). */
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  /** The source schema has keywords validation does not evaluate (CEL rules, not, uniqueItems, ...). */
  unchecked?: boolean;
  /** CRD schemas only: anyOf/oneOf are judged by validation; allOf is kept for completeness. */
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  /** x-kubernetes-group-version-kind of a top-level definition. */
  gvk?: GroupVersionKind[];
}

export interface BundledKind {
  group: string;
  version: string;
  kind: string;
  /** Definition name in `definitions`. */
  definition: string;
  /** From the REST paths; undefined when the kind has no REST path of its own. */
  namespaced?: boolean;
}

/** The committed generated file (server/src/schema/generated/k8s.json). */
export interface BundledSchema {
  kubernetesVersion: string;
  definitions: Record<string, SchemaNode>;
  kinds: BundledKind[];
}

/** Where a kind's schema comes from. */
export type SchemaSource =
  | { type: 'builtin'; kubernetesVersion: string }
  | { type: 'crd'; uri: string; crdName: string };

export interface KindInfo {
  group: string;
  version: string;
  kind: string;
  /** "v1" for the core group, else "group/version". */
  apiVersion: string;
  description: string;
  namespaced?: boolean;
  source: SchemaSource;
}
