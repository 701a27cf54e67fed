// Pod volumes: names, exactly one source, and the common sources' own fields.
// Upstream: pkg/apis/core/validation/validation.go (ValidateVolumes,
// validateVolumeSource, validateHostPathVolumeSource, validateSecretVolumeSource,
// validateConfigMapVolumeSource, validateKeyToPath, validateDownwardAPIVolumeFile,
// validateProjectedVolumeSource, validateNFSVolumeSource, validateCSIDriverName,
// ValidateLocalNonReservedPath).

import { FieldPath, duplicate, forbidden, invalid, notSupported, required, tooLong, type FieldError } from './field';
import { validateDNS1123Label, validateLocalDescendingPath, validateObjectFieldSelector, validatePathNoBacksteps, validateResourceFieldSelector, VOLUME_FIELD_PATHS } from './containers';
import { isDNS1123Subdomain } from './names';
import { quantityOf } from './resources';
import { asList, isNum, isObj, isStr, type Json, isMissing } from './types';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** Volume sources in upstream's order (the first one found counts; later ones are "more than 1"). */
const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'flexVolume', 'downwardAPI', 'fc', 'azureFile', 'vsphereVolume',
  'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'projected', 'scaleIO', 'configMap', 'storageos',
  'csi', 'ephemeral', 'image',
];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateMode(mode: unknown, path: FieldPath): FieldError[] {
  return isNum(mode) && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

/** ValidateLocalNonReservedPath: relative, no `..` steps, not starting with `..`. */
function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}

function validateKeyToPath(kp: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (isMissing(kp.key)) errs.push(required(path.child('key'), ''));
  const p = isStr(kp.path) ? kp.path : '';
  if (p === '') errs.push(required(path.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(p, path.child('path')));
  errs.push(...validateMode(kp.mode, path.child('mode')));
  return errs;
}

function validateItems(items: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  asList(items).forEach((kp, i) => {
    if (isObj(kp)) errs.push(...validateKeyToPath(kp, path.index(i)));
  });
  return errs;
}

function validateDownwardAPIFile(file: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const p = isStr(file.path) ? file.path : '';
  if (p === '') errs.push(required(path.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(p, path.child('path')));
  if (isObj(file.fieldRef)) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')));
    if (isObj(file.resourceFieldRef)) errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (isObj(file.resourceFieldRef)) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, path.child('resourceFieldRef'), true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, path.child('mode')));
  return errs;
}

function validateProjected(src: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const allPaths = new Set<string>();
  asList(src.sources).forEach((source, i) => {
    if (!isObj(source)) return;
    const srcPath = path.child('sources').index(i);
    let n = 0;
    for (const key of ['secret', 'configMap']) {
      const s = source[key];
      if (!isObj(s)) continue;
      n++;
      const pp = srcPath.child(key);
      if (isMissing(s.name)) errs.push(required(pp.child('name'), ''));
      asList(s.items).forEach((kp, j) => {
        if (!isObj(kp)) return;
        errs.push(...validateKeyToPath(kp, pp.child('items').index(j)));
        if (isStr(kp.path) && kp.path !== '') {
          if (allPaths.has(kp.path)) errs.push(invalid(path, s.name ?? '', 'conflicting duplicate paths'));
          else allPaths.add(kp.path);
        }
      });
    }
    if (isObj(source.downwardAPI)) {
      n++;
      const pp = srcPath.child('downwardAPI');
      asList(source.downwardAPI.items).forEach((f, j) => {
        if (!isObj(f)) return;
        errs.push(...validateDownwardAPIFile(f, pp.child('items').index(j)));
        if (isStr(f.path) && f.path !== '') {
          if (allPaths.has(f.path)) errs.push(invalid(path, f.path, 'conflicting duplicate paths'));
          else allPaths.add(f.path);
        }
      });
    }
    if (isObj(source.serviceAccountToken)) {
      n++;
      const t = source.serviceAccountToken;
      const exp = t.expirationSeconds;
      if (isNum(exp) && exp < 600) errs.push(invalid(srcPath.child('serviceAccountToken').child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (isNum(exp) && exp > 2 ** 32) errs.push(invalid(srcPath.child('serviceAccountToken').child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (isMissing(t.path)) errs.push(required(path.child('path'), ''));
    }
    for (const key of ['clusterTrustBundle', 'podCertificate']) if (isObj(source[key])) n++;
    if (n > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
  return errs;
}

function validateSourceFields(key: string, src: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  switch (key) {
    case 'emptyDir': {
      const q = quantityOf(src.sizeLimit);
      if (q !== undefined && q < 0) errs.push(forbidden(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      break;
    }
    case 'hostPath': {
      const p = isStr(src.path) ? src.path : '';
      if (p === '') errs.push(required(path.child('path'), ''));
      else errs.push(...validatePathNoBacksteps(p, path.child('path')));
      if (isStr(src.type) && !HOST_PATH_TYPES.includes(src.type)) errs.push(notSupported(path.child('type'), src.type, HOST_PATH_TYPES));
      break;
    }
    case 'flexVolume':
      if (isMissing(src.driver)) errs.push(required(path.child('driver'), ''));
      break;
    case 'gitRepo':
      if (isMissing(src.repository)) errs.push(required(path.child('repository'), ''));
      break;
    case 'secret':
      if (isMissing(src.secretName)) errs.push(required(path.child('secretName'), ''));
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')), ...validateItems(src.items, path.child('items')));
      break;
    case 'configMap':
      if (isMissing(src.name)) errs.push(required(path.child('name'), ''));
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')), ...validateItems(src.items, path.child('items')));
      break;
    case 'nfs':
      if (isMissing(src.server)) errs.push(required(path.child('server'), ''));
      if (isMissing(src.path)) errs.push(required(path.child('path'), ''));
      else if (isStr(src.path) && !src.path.startsWith('/')) errs.push(invalid(path.child('path'), src.path, 'must be an absolute path'));
      break;
    case 'persistentVolumeClaim':
      if (isMissing(src.claimName)) errs.push(required(path.child('claimName'), ''));
      break;
    case 'downwardAPI':
      asList(src.items).forEach((f, i) => {
        if (isObj(f)) errs.push(...validateDownwardAPIFile(f, path.child('items').index(i)));
      });
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      break;
    case 'projected':
      errs.push(...validateProjected(src, path));
      break;
    case 'csi': {
      const driver = isStr(src.driver) ? src.driver : '';
      const dp = path.child('driver');
      if (driver === '') errs.push(required(dp, ''));
      else {
        if (driver.length > 63) errs.push(tooLong(dp, driver, 63));
        for (const m of isDNS1123Subdomain(driver.toLowerCase())) errs.push(invalid(dp, driver, m));
      }
      break;
    }
    case 'ephemeral':
      if (!isObj(src.volumeClaimTemplate)) errs.push(required(path.child('volumeClaimTemplate'), ''));
      break;
    case 'image':
      if (isMissing(src.reference)) errs.push(required(path.child('reference'), ''));
      break;
  }
  return errs;
}

/** validateVolumeSource: exactly one source; `path` is the volume (`spec.volumes[0]`). */
export function validateVolumeSource(vol: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const key of VOLUME_SOURCES) {
    const src = vol[key];
    if (!isObj(src)) continue;
    if (n > 0) {
      errs.push(forbidden(path.child(key), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    errs.push(...validateSourceFields(key, src, path.child(key)));
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/**
 * ValidateVolumes: names are DNS-1123 labels and unique; a volume with any error
 * is left out of the returned names, so mounts naming it are also "Not found"
 * (as upstream).
 */
export function validateVolumes(volumes: unknown, path: FieldPath): { names: Set<string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  asList(volumes).forEach((vol, i) => {
    if (!isObj(vol)) return;
    const p = path.index(i);
    const el = validateVolumeSource(vol, p);
    const name = isStr(vol.name) ? vol.name : '';
    if (name === '') el.push(required(p.child('name'), ''));
    else el.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name)) el.push(duplicate(p.child('name'), name));
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}
