// API-server validation of the storage.k8s.io API group: StorageClass,
// CSIDriver, VolumeAttachment, VolumeAttributesClass, CSIStorageCapacity (create).
// Upstream: pkg/apis/storage/validation/validation.go (ValidateStorageClass,
// validateProvisioner, validateParameters, validateReclaimPolicy,
// validateVolumeBindingMode, validateAllowedTopologies, ValidateCSIDriver,
// validateCSIDriverSpec, ValidateVolumeAttachment(V1), ValidateVolumeAttributesClass,
// ValidateCSIStorageCapacity); ValidateCSIDriverName and
// ValidateTopologySelectorTerm from pkg/apis/core/validation/validation.go; warnings
// from pkg/api/storage/util.go (GetWarningsForStorageClass).

import { FieldPath, duplicate, forbidden, invalid, notSupported, required, tooLong, type FieldError } from './field';
import { validateMetaOf } from './groupHelpers';
import { validateLabelName, validateLabelSelector } from './meta';
import { DEPRECATED_NODE_LABELS } from './pod-warnings';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, validatePathSegmentName } from './names';
import { quantityOf } from './resources';
import { asList, asObj, isNum, isObj, isStr, type Json, type KindValidator, type ValidatorTable } from './types';

const MAX_PARAMETER_SIZE = 256 * (1 << 10);
const MAX_PARAMETER_COUNT = 512;
const set = (v: unknown): boolean => v !== undefined && v !== null;

/** ValidateCSIDriverName (also spec.attacher of VolumeAttachment v1). */
export function validateCSIDriverName(name: string, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (name.length === 0) errs.push(required(p, ''));
  if (name.length > 63) errs.push(tooLong(p, name, 63));
  for (const m of isDNS1123Subdomain(name.toLowerCase())) errs.push(invalid(p, name, m));
  return errs;
}

/** ValidateTopologySelectorTerm: keys are label names, each requirement has values, no duplicate values. */
function validateTopologySelectorTerm(term: Json, p: FieldPath, errs: FieldError[]): string {
  const canonical: string[] = [];
  asList(term.matchLabelExpressions).forEach((r, j) => {
    const req = asObj(r);
    const rp = p.child('matchLabelExpressions').index(j);
    const key = isStr(req.key) ? req.key : '';
    errs.push(...validateLabelName(key, rp.child('key')));
    const values = asList(req.values).filter(isStr);
    if (values.length === 0) errs.push(required(rp.child('values'), ''));
    const seen = new Set<string>();
    values.forEach((v, k) => {
      if (seen.has(v)) errs.push(duplicate(rp.child('values').index(k), v));
      seen.add(v);
    });
    canonical.push(`${key}=${[...seen].sort().join(',')}`);
  });
  return canonical.sort().join(';');
}

const validateStorageClass: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const provisioner = isStr(obj.provisioner) ? obj.provisioner : '';
  const pp = FieldPath.root('provisioner');
  if (provisioner.length === 0) errs.push(required(pp, ''));
  else for (const m of isQualifiedName(provisioner.toLowerCase())) errs.push(invalid(pp, provisioner, m));
  validateParameters(obj.parameters, true, FieldPath.root('parameters'), errs);
  const rp = obj.reclaimPolicy;
  if (isStr(rp) && rp !== '' && rp !== 'Delete' && rp !== 'Retain') errs.push(notSupported(FieldPath.root('reclaimPolicy'), rp, ['Delete', 'Retain']));
  const mode = obj.volumeBindingMode;
  if (!set(mode)) errs.push(required(FieldPath.root('volumeBindingMode'), ''));
  else if (mode !== 'Immediate' && mode !== 'WaitForFirstConsumer') errs.push(notSupported(FieldPath.root('volumeBindingMode'), mode, ['Immediate', 'WaitForFirstConsumer']));
  const seenTerms = new Set<string>();
  asList(obj.allowedTopologies).forEach((t, i) => {
    const tp = FieldPath.root('allowedTopologies').index(i);
    const key = validateTopologySelectorTerm(asObj(t), tp, errs);
    if (seenTerms.has(key)) errs.push(duplicate(tp.child('matchLabelExpressions'), ''));
    seenTerms.add(key);
    // GetWarningsForStorageClass (pkg/api/storage/util.go): deprecated node labels as topology keys.
    asList(asObj(t).matchLabelExpressions).forEach((r, j) => {
      const k = asObj(r).key;
      if (!isStr(k) || !DEPRECATED_NODE_LABELS[k]) return;
      const kp = tp.child('matchLabelExpressions').index(j).child('key');
      out.warnings.push({ path: kp.steps(), message: `${kp}: ${DEPRECATED_NODE_LABELS[k]}` });
    });
  });
};

const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];

/**
 * ValidateCSIDriver checks the name with ValidateCSIDriverName on the path `name`
 * and does not validate ObjectMeta itself; the generic create path does (path-segment
 * rule), only once the rest is valid.
 */
const validateCSIDriver: KindValidator = (obj, _opts, out) => {
  const errs = out.errors;
  const name = isObj(obj.metadata) && isStr(obj.metadata.name) ? obj.metadata.name : '';
  errs.push(...validateCSIDriverName(name, FieldPath.root('name')));
  const spec = asObj(obj.spec);
  const sp = FieldPath.root('spec');
  asList(spec.volumeLifecycleModes).forEach((m) => {
    if (m !== 'Persistent' && m !== 'Ephemeral') errs.push(notSupported(sp.child('volumeLifecycleModes'), m, ['Persistent', 'Ephemeral']));
  });
  if (set(spec.fsGroupPolicy) && !FS_GROUP_POLICIES.includes(String(spec.fsGroupPolicy))) errs.push(notSupported(sp.child('fsGroupPolicy'), spec.fsGroupPolicy, FS_GROUP_POLICIES));
  const audiences = new Set<string>();
  asList(spec.tokenRequests).forEach((tr, i) => {
    const t = asObj(tr);
    const tp = sp.child('tokenRequests').index(i);
    const audience = isStr(t.audience) ? t.audience : '';
    if (audiences.has(audience)) {
      errs.push(duplicate(tp.child('audience'), audience));
      return;
    }
    audiences.add(audience);
    if (!isNum(t.expirationSeconds)) return;
    if (t.expirationSeconds < 600) errs.push(invalid(tp.child('expirationSeconds'), t.expirationSeconds, 'may not specify a duration less than 10 minutes'));
    if (t.expirationSeconds > 2 ** 32) errs.push(invalid(tp.child('expirationSeconds'), t.expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
  });
  if (errs.length === 0) validateMetaOf(obj, false, validatePathSegmentName, out);
};

const validateVolumeAttachment: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const spec = asObj(obj.spec);
  const sp = FieldPath.root('spec');
  const attacher = isStr(spec.attacher) ? spec.attacher : '';
  if (attacher === '') errs.push(required(sp.child('attacher'), ''));
  const source = asObj(spec.source);
  const srcPath = sp.child('source');
  const hasInline = isObj(source.inlineVolumeSpec);
  const hasPV = isStr(source.persistentVolumeName);
  if (!hasInline && !hasPV) errs.push(required(srcPath, 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  else if (hasInline && hasPV) errs.push(forbidden(srcPath, 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  else if (hasPV && source.persistentVolumeName === '') errs.push(required(srcPath.child('persistentVolumeName'), 'must specify non empty persistentVolumeName'));
  const nodeName = isStr(spec.nodeName) ? spec.nodeName : '';
  for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(invalid(sp.child('nodeName'), nodeName, m));
  // ValidateVolumeAttachmentV1: the attacher is a CSI driver name.
  if (attacher !== '') errs.push(...validateCSIDriverName(attacher, FieldPath.root('spec.attacher')));
  if (hasPV && source.persistentVolumeName !== '') {
    for (const m of nameIsDNSSubdomain(source.persistentVolumeName as string, false)) errs.push(invalid(srcPath.child('persistentVolumeName'), source.persistentVolumeName, m));
  }
};

/** validateParameters with allowEmpty=false (VolumeAttributesClass). */
function validateParameters(params: unknown, allowEmpty: boolean, p: FieldPath, errs: FieldError[]): void {
  const map = isObj(params) ? params : {};
  const keys = Object.keys(map);
  if (keys.length > MAX_PARAMETER_COUNT) {
    errs.push(tooLong(p, 'Provisioner Parameters exceeded max allowed', MAX_PARAMETER_COUNT));
    return;
  }
  let total = 0;
  for (const k of keys) {
    if (k.length < 1) errs.push(invalid(p, k, 'field can not be empty.'));
    total += Buffer.byteLength(k) + (isStr(map[k]) ? Buffer.byteLength(map[k] as string) : 0);
  }
  if (total > MAX_PARAMETER_SIZE) errs.push(tooLong(p, '', MAX_PARAMETER_SIZE));
  if (!allowEmpty && keys.length === 0) errs.push(required(p, 'must contain at least one key/value pair'));
}

/** ValidateVolumeAttributesClass: driverName like a provisioner, at least one parameter. */
const validateVolumeAttributesClass: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const driver = isStr(obj.driverName) ? obj.driverName : '';
  const dp = FieldPath.root('driverName');
  if (driver.length === 0) out.errors.push(required(dp, ''));
  else for (const m of isQualifiedName(driver.toLowerCase())) out.errors.push(invalid(dp, driver, m));
  validateParameters(obj.parameters, false, FieldPath.root('parameters'), out.errors);
};

/** ValidateCSIStorageCapacity: storage class name, non-negative sizes, node topology selector. */
const validateCSIStorageCapacity: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const errs = out.errors;
  errs.push(...validateLabelSelector(obj.nodeTopology, { allowInvalidLabelValueInSelector: false }, FieldPath.root('nodeTopology')));
  const sc = isStr(obj.storageClassName) ? obj.storageClassName : '';
  for (const m of nameIsDNSSubdomain(sc, false)) errs.push(invalid(FieldPath.root('storageClassName'), sc, m));
  for (const key of ['capacity', 'maximumVolumeSize']) {
    const q = quantityOf(obj[key]);
    if (q !== undefined && q < 0) errs.push(invalid(FieldPath.root(key), String(obj[key]), 'must be greater than or equal to 0'));
  }
};

export const storageValidators: ValidatorTable = {
  'storage/VolumeAttributesClass': validateVolumeAttributesClass,
  'storage/CSIStorageCapacity': validateCSIStorageCapacity,
  'storage/StorageClass': validateStorageClass,
  'storage/CSIDriver': validateCSIDriver,
  'storage/VolumeAttachment': validateVolumeAttachment,
};
