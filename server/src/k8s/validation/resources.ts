// Resource names and quantities (container resources, pod overhead, quota, limit
// ranges). Upstream: pkg/apis/core/validation/validation.go
// (validateResourceName, validateContainerResourceName, ValidateResourceQuantityValue,
// ValidateNonnegativeQuantity, validateResourceRequirements) and
// pkg/apis/core/helper/helpers.go (IsHugePageResourceName, IsOvercommitAllowed,
// IsExtendedResourceName, IsStandardContainerResourceName).

import { parseQuantity } from '../quantity';
import { canonicalQuantity } from './quantity-text';
import { FieldPath, duplicate, forbidden, invalid, notFound, required, type FieldError } from './field';
import { isQualifiedName } from './names';
import { asList, isObj, isNum, isStr, type Json } from './types';

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const IS_NOT_INTEGER_ERROR_MSG = 'must be an integer';
export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';

export const isHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-');

/** Native resources: no domain, or a `kubernetes.io/` domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Extended resources: fully qualified, outside kubernetes.io, not `requests.` prefixed, a valid qualified name. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Requests may be below limits only for cpu, memory, ephemeral-storage (not hugepages, not extended resources). */
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isStandardContainerResourceName = (name: string): boolean => STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);

/** Integer-valued resources: extended resources and object counts (quota). */
const INTEGER_RESOURCES = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
export const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

/** Quantities as YAML gives them: strings or numbers; anything else is the schema layer's problem. */
export function quantityOf(v: unknown): number | undefined {
  return isStr(v) || isNum(v) ? parseQuantity(v) : undefined;
}

/** A quantity as upstream prints it in messages (Quantity.String()). */
export const quantityText = (v: unknown): string => canonicalQuantity(v);

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const isQuotaHugePageResourceName = (name: string): boolean => /^(requests\.|limits\.)?hugepages-/.test(name);
/** helper.IsStandardResourceName. */
export const isStandardResourceName = (name: string): boolean => STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name);

/** validateResourceName: a qualified name, and a standard resource unless domain-qualified. */
export function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  return errs;
}

export function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue: non-negative, whole for integer resources. */
export function validateResourceQuantityValue(name: string, value: unknown, path: FieldPath): FieldError[] {
  const q = quantityOf(value);
  if (q === undefined) return [];
  const errs: FieldError[] = [];
  if (q < 0) errs.push(invalid(path, quantityText(value), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResourceName(name) && Math.round(q * 1000) % 1000 !== 0) errs.push(invalid(path, quantityText(value), IS_NOT_INTEGER_ERROR_MSG));
  return errs;
}

const sortedKeys = (m: Json): string[] => Object.keys(m).sort();

const BINARY_SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** validateResourceQuantityHugePageValue: a hugepages amount is a whole number of pages. */
function hugePageValueErrors(name: string, value: unknown, path: FieldPath): FieldError[] {
  const m = /^hugepages-(\d+)(Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(name);
  const q = quantityOf(value);
  if (!m || q === undefined) return [];
  const pageSize = Number(m[1]) * (m[2] ? BINARY_SUFFIX[m[2]] : 1);
  if (pageSize > 0 && q % pageSize !== 0) return [invalid(path, quantityText(value), `${quantityText(value)} is not positive integer multiple of ${name}`)];
  return [];
}

/** validateResourceClaimNames: `resources.claims` name entries of `spec.resourceClaims`. */
function validateResourceClaimNames(claims: unknown, podClaimNames: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  asList(claims).forEach((c, i) => {
    const name = isObj(c) && isStr(c.name) ? c.name : '';
    if (name === '') {
      errs.push(required(path.index(i), ''));
      return;
    }
    if (seen.has(name)) errs.push(duplicate(path.index(i), name));
    seen.add(name);
    if (!podClaimNames.includes(name)) {
      const detail = `must be one of the names in pod.spec.resourceClaims${podClaimNames.length === 0 ? ' which is empty' : `: ${[...podClaimNames].sort().join(', ')}`}`;
      errs.push({ ...notFound(path.index(i), name), detail });
    }
  });
  return errs;
}

/** validateResourceRequirements (container `resources`; also pod-level resources). */
export function validateResourceRequirements(resources: unknown, path: FieldPath, podClaimNames: string[] = []): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(resources)) return errs;
  const limits = isObj(resources.limits) ? resources.limits : {};
  const requests = isObj(resources.requests) ? resources.requests : {};
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  let cpuOrMemory = false;
  let hugePages = false;
  for (const name of sortedKeys(limits)) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, limits[name], p));
    if (isHugePageResourceName(name)) {
      hugePages = true;
      errs.push(...hugePageValueErrors(name, limits[name], p));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const name of sortedKeys(requests)) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, requests[name], p));
    const req = quantityOf(requests[name]);
    if (name in limits) {
      const lim = quantityOf(limits[name]);
      if (req !== undefined && lim !== undefined) {
        if (req !== lim && !isOvercommitAllowed(name)) {
          errs.push(invalid(reqPath, quantityText(requests[name]), `must be equal to ${name} limit of ${quantityText(limits[name])}`));
        } else if (req > lim) {
          errs.push(invalid(reqPath, quantityText(requests[name]), `must be less than or equal to ${name} limit of ${quantityText(limits[name])}`));
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      hugePages = true;
      errs.push(...hugePageValueErrors(name, requests[name], p));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames(resources.claims, podClaimNames, path.child('claims')));
  return errs;
}

/** validateOverhead: pod overhead is a resource list of valid names and quantities. */
export function validateResourceList(list: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(list)) return errs;
  for (const name of sortedKeys(list)) {
    const p = path.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, list[name], p));
  }
  return errs;
}
