// PersistentVolume and PersistentVolumeClaim (core group), with their warnings.
// Upstream: pkg/apis/core/validation/validation.go (ValidatePersistentVolume,
// ValidatePersistentVolumeSpec, ValidatePersistentVolumeClaim,
// ValidatePersistentVolumeClaimSpec, ValidatePositiveQuantityValue,
// ValidateClassName = NameIsDNSSubdomain) and
// pkg/api/persistentvolume/util.go, pkg/api/persistentvolumeclaim/util.go (warnings).

import { FieldPath, forbidden, invalid, notSupported, required, type ApiWarning, type FieldError } from './field';
import { validatePathNoBacksteps } from './containers';
import { validateCreateMeta, validateLabelSelector, validateObjectMeta } from './meta';
import { nameIsDNSSubdomain } from './names';
import { DEPRECATED_NODE_LABELS } from './pod-warnings';
import { IS_NOT_POSITIVE_ERROR_MSG, quantityOf, quantityText, validateResourceQuantityValue } from './resources';
import { validateNodeSelector } from './scheduling-rules';
import { asList, isObj, isStr, type Json, type KindValidator, isMissing, isWrongType } from './types';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];

/** PersistentVolumeSource members in upstream's order. */
const PV_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cinder',
  'cephfs', 'iscsi', 'fc', 'azureFile', 'flexVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO',
  'local', 'storageos', 'csi', 'vsphereVolume',
];

function validateAccessModes(modes: unknown, path: FieldPath, requiredDetail: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = asList(modes);
  if (list.length === 0 && !isWrongType(modes, 'list')) errs.push(required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const m of list) {
    if (!ACCESS_MODES.includes(m as string)) errs.push(notSupported(path, m, ACCESS_MODES));
    else if (m === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function positiveQuantity(v: unknown, path: FieldPath): FieldError[] {
  const q = quantityOf(v);
  return q !== undefined && q <= 0 ? [invalid(path, quantityText(v), IS_NOT_POSITIVE_ERROR_MSG)] : [];
}

function classNameErrors(name: unknown, path: FieldPath): FieldError[] {
  return isStr(name) && name !== '' ? nameIsDNSSubdomain(name, false).map((m) => invalid(path, name, m)) : [];
}

function validatePVSource(key: string, src: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (key === 'hostPath') {
    if (isMissing(src.path)) errs.push(required(path.child('path'), ''));
    else if (isStr(src.path)) errs.push(...validatePathNoBacksteps(src.path, path.child('path')));
  } else if (key === 'nfs') {
    if (isMissing(src.server)) errs.push(required(path.child('server'), ''));
    if (isMissing(src.path)) errs.push(required(path.child('path'), ''));
    else if (isStr(src.path) && !src.path.startsWith('/')) errs.push(invalid(path.child('path'), src.path, 'must be an absolute path'));
  } else if (key === 'local') {
    if (isMissing(src.path)) errs.push(required(path.child('path'), ''));
    else if (isStr(src.path)) errs.push(...validatePathNoBacksteps(src.path, path.child('path')));
  } else if (key === 'csi') {
    if (isMissing(src.driver)) errs.push(required(path.child('driver'), ''));
    if (isMissing(src.volumeHandle)) errs.push(required(path.child('volumeHandle'), ''));
  }
  return errs;
}

function validatePVSpec(spec: Json, path: FieldPath): FieldError[] {
  const errs = validateAccessModes(spec.accessModes, path.child('accessModes'), '');
  const capPath = path.child('capacity');
  const capacity = isObj(spec.capacity) ? spec.capacity : {};
  if (!isWrongType(spec.capacity, 'object')) {
    if (Object.keys(capacity).length === 0) errs.push(required(capPath, ''));
    if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(notSupported(capPath, capacity, ['storage']));
  }
  for (const r of Object.keys(capacity).sort()) {
    const q = quantityOf(capacity[r]);
    if (q !== undefined && q < 0) errs.push(invalid(capPath.key(r), quantityText(capacity[r]), 'must be a valid resource quantity'));
    errs.push(...positiveQuantity(capacity[r], capPath.key(r)));
  }
  errs.push(...classNameErrors(spec.storageClassName, path.child('storageClassName')));
  if (isStr(spec.volumeMode) && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported(path.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (isStr(policy) && policy !== '' && !RECLAIM_POLICIES.includes(policy)) errs.push(notSupported(path.child('persistentVolumeReclaimPolicy'), policy, RECLAIM_POLICIES));
  const na = spec.nodeAffinity;
  if (isObj(na)) {
    if (isObj(na.required)) errs.push(...validateNodeSelector(na.required, false, path.child('nodeAffinity', 'required')));
    else errs.push(required(path.child('nodeAffinity', 'required'), 'must specify required node constraints'));
  }
  let n = 0;
  for (const key of PV_SOURCES) {
    const src = spec[key];
    if (!isObj(src)) continue;
    if (n > 0) {
      errs.push(forbidden(path.child(key), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    errs.push(...validatePVSource(key, src, path.child(key)));
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  if (isObj(spec.local) && !isObj(na)) errs.push(required(path.child('nodeAffinity'), 'Local volume requires node affinity'));
  const hp = isObj(spec.hostPath) && isStr(spec.hostPath.path) ? spec.hostPath.path : undefined;
  if (hp !== undefined && hp.replace(/\/+$/, '') === '' && hp.startsWith('/') && policy === 'Recycle') {
    errs.push(forbidden(path.child('persistentVolumeClaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  return errs;
}

function nodeSelectorTermsWarnings(out: ApiWarning[], sel: unknown, path: FieldPath): void {
  if (!isObj(sel)) return;
  asList(sel.nodeSelectorTerms).forEach((t, i) => {
    if (!isObj(t)) return;
    asList(t.matchExpressions).forEach((e, j) => {
      if (!isObj(e) || !isStr(e.key) || !DEPRECATED_NODE_LABELS[e.key]) return;
      const p = path.child('nodeSelectorTerms').index(i).child('matchExpressions').index(j).child('key');
      out.push({ path: p.steps(), message: `${p.toString()}: ${e.key} is ${DEPRECATED_NODE_LABELS[e.key]}` });
    });
  });
}

const PV_DEPRECATED_SOURCES: [string, string][] = [
  ['photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

function annotationWarnings(out: ApiWarning[], meta: unknown, pv: boolean): void {
  const ann = isObj(meta) && isObj(meta.annotations) ? meta.annotations : {};
  const base = FieldPath.root('metadata', 'annotations');
  const deprecated: [string, string][] = [
    ['volume.beta.kubernetes.io/storage-class', 'deprecated since v1.8; use "storageClassName" attribute instead'],
    ['volume.beta.kubernetes.io/mount-options', 'deprecated since v1.31; use "mountOptions" attribute instead'],
  ];
  for (const [key, msg] of pv ? deprecated : deprecated.slice(0, 1)) {
    if (key in ann) out.push({ path: base.key(key).steps(), message: `${base.key(key).toString()}: ${msg}` });
  }
}

export const validatePersistentVolume: KindValidator = (obj, _opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, false, nameIsDNSSubdomain, metaPath));
  const spec = isObj(obj.spec) ? obj.spec : {};
  const specPath = FieldPath.root('spec');
  out.errors.push(...validatePVSpec(spec, specPath));
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
  annotationWarnings(out.warnings, obj.metadata, true);
  if (isObj(spec.nodeAffinity)) nodeSelectorTermsWarnings(out.warnings, spec.nodeAffinity.required, specPath.child('nodeAffinity', 'required'));
  if (spec.persistentVolumeReclaimPolicy === 'Recycle') {
    const p = specPath.child('persistentVolumeReclaimPolicy');
    out.warnings.push({ path: p.steps(), message: `${p.toString()}: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.` });
  }
  for (const [key, msg] of PV_DEPRECATED_SOURCES) {
    if (isObj(spec[key])) {
      const p = specPath.child(key === 'storageos' ? 'storageOS' : key);
      out.warnings.push({ path: p.steps(), message: `${p.toString()}: ${msg}` });
    }
  }
};

/** ValidatePersistentVolumeClaimSpec (also used for StatefulSet volumeClaimTemplates and ephemeral volumes). */
export function validatePersistentVolumeClaimSpec(spec: unknown, path: FieldPath): FieldError[] {
  const s: Json = isObj(spec) ? spec : {};
  const errs = validateAccessModes(s.accessModes, path.child('accessModes'), 'at least 1 access mode is required');
  errs.push(...validateLabelSelector(s.selector, {}, path.child('selector')));
  const storagePath = path.child('resources').key('storage');
  const requests = isObj(s.resources) && isObj(s.resources.requests) ? s.resources.requests : {};
  if (!('storage' in requests)) errs.push(required(storagePath, ''));
  else {
    const pos = positiveQuantity(requests.storage, storagePath);
    errs.push(...(pos.length ? pos : validateResourceQuantityValue('storage', requests.storage, storagePath)));
  }
  errs.push(...classNameErrors(s.storageClassName, path.child('storageClassName')));
  if (isStr(s.volumeMode) && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported(path.child('volumeMode'), s.volumeMode, VOLUME_MODES));
  if (isStr(s.volumeAttributesClassName) && s.volumeAttributesClassName === '') errs.push(required(path.child('volumeAttributesClassName'), 'an empty string is disallowed'));
  for (const key of ['dataSource', 'dataSourceRef']) {
    const ds = s[key];
    if (!isObj(ds)) continue;
    if (isMissing(ds.name)) errs.push(required(path.child(key, 'name'), ''));
    if (isMissing(ds.kind)) errs.push(required(path.child(key, 'kind'), ''));
  }
  return errs;
}

/** GetWarningsForPersistentVolumeClaimSpec: fractional storage requests/limits. */
export function pvcSpecWarnings(spec: unknown, path: FieldPath): ApiWarning[] {
  const out: ApiWarning[] = [];
  const res = isObj(spec) && isObj(spec.resources) ? spec.resources : {};
  for (const kind of ['requests', 'limits']) {
    const list = isObj(res[kind]) ? (res[kind] as Json) : {};
    const q = quantityOf(list.storage);
    if (q !== undefined && Math.round(q * 1000) % 1000 !== 0) {
      const p = path.child('resources', kind).key('storage');
      out.push({ path: p.steps(), message: `${p.toString()}: fractional byte value ${JSON.stringify(quantityText(list.storage))} is invalid, must be an integer` });
    }
  }
  return out;
}

export const validatePersistentVolumeClaim: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  out.errors.push(...validatePersistentVolumeClaimSpec(obj.spec, FieldPath.root('spec')));
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
  annotationWarnings(out.warnings, obj.metadata, false);
  out.warnings.push(...pvcSpecWarnings(obj.spec, FieldPath.root('spec')));
};
