// ObjectMeta, labels, annotations and label selectors as the API server validates
// them on create.
// Upstream: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
// (ValidateObjectMetaAccessor, ValidateAnnotations, ValidateOwnerReferences,
// ValidateFinalizers), staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/
// validation.go (ValidateLabels, ValidateLabelName, ValidateLabelSelector),
// staging/src/k8s.io/apiserver/pkg/registry/rest/create.go (BeforeCreate: namespace
// from the request, generic path-segment name rule) and
// staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go (resourceVersion on create).

import { FieldPath, forbidden, internalError, invalid, required, tooLong, type FieldError } from './field';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain, validatePathSegmentName, type NameFn } from './names';
import { asList, isNum, isObj, isStr, type Json, type KindValidator, isMissing, isWrongType } from './types';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10);

/** Keys of a string map in a stable order (Go iterates maps randomly; tests need an order). */
const sortedEntries = (m: Json): [string, unknown][] => Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** ValidateLabelName: each message of IsQualifiedName as Invalid at `path` (not at the key). */
export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

/** ValidateLabels: keys are qualified names, values label values; errors sit on the map's path. */
export function validateLabels(labels: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(labels)) return errs;
  for (const [k, v] of sortedEntries(labels)) {
    errs.push(...validateLabelName(k, path));
    if (isStr(v)) for (const m of isValidLabelValue(v)) errs.push(invalid(path, v, m));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive), total size at most 256 KiB. */
export function validateAnnotations(annotations: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(annotations)) return errs;
  let total = 0;
  for (const [k, v] of sortedEntries(annotations)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += Buffer.byteLength(k) + (isStr(v) ? Buffer.byteLength(v) : 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** ValidateNonnegativeField. */
export function validateNonnegativeField(value: unknown, path: FieldPath): FieldError[] {
  return isNum(value) && value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

function validateOwnerReferences(refs: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of asList(refs)) {
    if (!isObj(ref)) continue;
    const apiVersion = isStr(ref.apiVersion) ? ref.apiVersion : '';
    const kind = isStr(ref.kind) ? ref.kind : '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version === '') errs.push(invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (kind === '') errs.push(invalid(path.child('kind'), kind, 'must not be empty'));
    if (isMissing(ref.name)) errs.push(invalid(path.child('name'), ref.name ?? '', 'must not be empty'));
    if (isMissing(ref.uid)) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'must not be empty'));
    if (apiVersion === 'v1' && kind === 'Event') errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller === true) {
      const cur = `${kind}/${String(ref.name ?? '')}`;
      if (firstController !== '') {
        errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else firstController = cur;
    }
  }
  return errs;
}

function validateFinalizers(finalizers: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = asList(finalizers).filter(isStr);
  for (const f of list) for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** ValidateNamespaceName = NameIsDNSLabel. */
export const validateNamespaceName: NameFn = nameIsDNSLabel;

/**
 * ValidateObjectMeta on create. `namespaced` decides what the namespace may be:
 * kubectl sends a namespaced object to its namespace (the current one when the
 * manifest has none), and the API server clears the namespace of a cluster-scoped
 * object (rest.EnsureObjectNamespaceMatchesRequestNamespace), so a missing or
 * superfluous namespace is never an error for a manifest; an invalid one is.
 * A `generateName` without `name` is fine (the server generates the name first).
 * `custom` (custom resources): the generic apimachinery rules only, without the
 * core package's finalizer-name rule.
 */
export function validateObjectMeta(meta: unknown, namespaced: boolean, nameFn: NameFn, path: FieldPath, custom = false): FieldError[] {
  const errs: FieldError[] = [];
  const m: Json = isObj(meta) ? meta : {};
  const name = isStr(m.name) ? m.name : '';
  const generateName = isStr(m.generateName) ? m.generateName : '';
  if (generateName !== '') for (const msg of nameFn(generateName, true)) errs.push(invalid(path.child('generateName'), generateName, msg));
  if (name === '') {
    if (generateName === '') errs.push(required(path.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of nameFn(name, false)) errs.push(invalid(path.child('name'), name, msg));
  }
  if (namespaced && isStr(m.namespace) && m.namespace !== '') {
    for (const msg of validateNamespaceName(m.namespace, false)) errs.push(invalid(path.child('namespace'), m.namespace, msg));
  }
  errs.push(...validateNonnegativeField(m.generation, path.child('generation')));
  errs.push(...validateLabels(m.labels, path.child('labels')));
  errs.push(...validateAnnotations(m.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, path.child('finalizers')));
  if (!custom) for (const f of asList(m.finalizers).filter(isStr)) errs.push(...validateKubeFinalizerName(f, path.child('finalizers')));
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * validateKubeFinalizerName (pkg/apis/core/validation): built-in kinds accept a
 * finalizer without a domain only if it is a standard one. Custom resources skip it.
 */
export function validateKubeFinalizerName(name: string, path: FieldPath): FieldError[] {
  if (name.split('/').length === 1 && !STANDARD_FINALIZERS.has(name)) {
    return [invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

/** The storage layer's refusal (a plain error, not a field error: kubectl prints `Error from server: ...`). */
export const RESOURCE_VERSION_ON_CREATE = 'resourceVersion should not be set on objects to be created';

/**
 * Create-time checks outside validation proper. A `metadata.resourceVersion` makes
 * the create fail in storage (after validation passed) with
 * RESOURCE_VERSION_ON_CREATE; it is reported as an InternalError on
 * `metadata.resourceVersion` so the editor can point at it. A `metadata.uid` is
 * silently replaced on create (rest.FillObjectMetaSystemFields): no error.
 */
export function validateCreateMeta(meta: unknown, path: FieldPath): FieldError[] {
  if (!isObj(meta)) return [];
  const rv = meta.resourceVersion;
  if ((isStr(rv) && rv !== '' && rv !== '0') || (isNum(rv) && rv !== 0)) return [internalError(path.child('resourceVersion'), RESOURCE_VERSION_ON_CREATE)];
  return [];
}

// --- label selectors (meta/v1/validation) ---

export interface LabelSelectorOptions {
  /** AllowInvalidLabelValueInSelector (true for updates of old objects; false on create). */
  allowInvalidLabelValueInSelector?: boolean;
}

export function validateLabelSelectorRequirement(req: Json, opts: LabelSelectorOptions, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = asList(req.values);
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0 && !isWrongType(req.values, 'list')) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(path.child('operator'), req.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(isStr(req.key) ? req.key : '', path.child('key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      if (isStr(v)) for (const m of isValidLabelValue(v)) errs.push(invalid(path.child('values').index(i), v, m));
    });
  }
  return errs;
}

/** ValidateLabelSelector (metav1.LabelSelector: matchLabels + matchExpressions). */
export function validateLabelSelector(selector: unknown, opts: LabelSelectorOptions, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(selector)) return errs;
  errs.push(...validateLabels(selector.matchLabels, path.child('matchLabels')));
  asList(selector.matchExpressions).forEach((r, i) => {
    if (isObj(r)) errs.push(...validateLabelSelectorRequirement(r, opts, path.child('matchExpressions').index(i)));
  });
  return errs;
}

/** Groups whose kinds use only the generic path-segment name rule (RBAC allows `system:foo`). */
const PATH_SEGMENT_GROUPS = new Set(['rbac.authorization.k8s.io', 'apiregistration.k8s.io']);

const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'storage.k8s.io', 'rbac.authorization.k8s.io',
  'scheduling.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'coordination.k8s.io', 'certificates.k8s.io',
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'events.k8s.io', 'resource.k8s.io', 'internal.apiserver.k8s.io', 'storagemigration.k8s.io',
]);

/**
 * `/__meta__`: ObjectMeta of kinds without their own rules. Custom resources use
 * NameIsDNSSubdomain (apiextensions customResourceStrategy.Validate); built-in
 * groups listed above only the path-segment rule of rest.BeforeCreate.
 */
export const validateGenericObject: KindValidator = (obj, opts, out) => {
  const apiVersion = isStr(obj.apiVersion) ? obj.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const nameFn = PATH_SEGMENT_GROUPS.has(group) ? validatePathSegmentName : nameIsDNSSubdomain;
  const path = FieldPath.root('metadata');
  const builtin = BUILTIN_GROUPS.has(group);
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameFn, path, !builtin));
  out.errors.push(...validateCreateMeta(obj.metadata, path));
};
