// API-server validation of the scheduling.k8s.io API group: PriorityClass (create).
// Upstream: pkg/apis/scheduling/validation/validation.go (ValidatePriorityClass),
// pkg/apis/scheduling/helpers.go (IsKnownSystemPriorityClass, system classes) and
// pkg/apis/core/validation ValidatePreemptionPolicy.

import { FieldPath, forbidden, notSupported, required } from './field';
import { objName, validateMetaOf } from './groupHelpers';
import { nameIsDNSSubdomain } from './names';
import { isNum, type KindValidator, type ValidatorTable } from './types';

const SYSTEM_PREFIX = 'system-';
const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
const SYSTEM_CLASSES: Record<string, number> = {
  'system-node-critical': SYSTEM_CRITICAL_PRIORITY + 1000,
  'system-cluster-critical': SYSTEM_CRITICAL_PRIORITY,
};

/** IsKnownSystemPriorityClass: undefined when known and consistent, else upstream's error text. */
function systemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const expected = SYSTEM_CLASSES[name];
  if (expected === undefined) return `${name} is not a known system priority class`;
  if (expected !== value) return `value of ${name} PriorityClass must be ${expected}`;
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

const validatePriorityClass: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const name = objName(obj);
  const value = isNum(obj.value) ? obj.value : 0;
  if (name.startsWith(SYSTEM_PREFIX)) {
    const err = systemClassError(name, value, obj.globalDefault === true);
    if (err) out.errors.push(forbidden(FieldPath.root('metadata', 'name'), `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${err}`));
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    out.errors.push(forbidden(FieldPath.root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const pp = obj.preemptionPolicy;
  if (pp !== undefined && pp !== null) {
    if (pp === '') out.errors.push(required(FieldPath.root('preemptionPolicy'), ''));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') out.errors.push(notSupported(FieldPath.root('preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
};

export const schedulingValidators: ValidatorTable = {
  'scheduling/PriorityClass': validatePriorityClass,
};
