// API-server validation of the policy API group: PodDisruptionBudget (create).
// Upstream: pkg/apis/policy/validation/validation.go (ValidatePodDisruptionBudget,
// ValidatePodDisruptionBudgetSpec). ValidatePodDisruptionBudget does not validate
// ObjectMeta itself; the generic create path (apiserver rest.BeforeCreate) does,
// with the path-segment name rule, and only once the spec is valid.

import { validateMetaOf, SPEC, notMoreThan100Percent, validatePositiveIntOrPercent } from './groupHelpers';
import { invalid, notSupported } from './field';
import { validateLabelSelector } from './meta';
import { validatePathSegmentName } from './names';
import { asObj, type KindValidator, type ValidatorTable } from './types';

const set = (v: unknown): boolean => v !== undefined && v !== null;

const validatePodDisruptionBudget: KindValidator = (obj, _opts, out) => {
  const spec = asObj(obj.spec);
  const errs = out.errors;
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) errs.push(invalid(SPEC, spec, 'minAvailable and maxUnavailable cannot be both set'));
  for (const key of ['minAvailable', 'maxUnavailable']) {
    if (!set(spec[key])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[key], SPEC.child(key)));
    errs.push(...notMoreThan100Percent(spec[key], SPEC.child(key)));
  }
  errs.push(...validateLabelSelector(spec.selector, { allowInvalidLabelValueInSelector: false }, SPEC.child('selector')));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (set(policy) && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    errs.push(notSupported(SPEC.child('unhealthyPodEvictionPolicy'), policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  if (errs.length === 0) validateMetaOf(obj, true, validatePathSegmentName, out);
};

export const policyValidators: ValidatorTable = {
  'policy/PodDisruptionBudget': validatePodDisruptionBudget,
};
