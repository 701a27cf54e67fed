// API-server validation of the coordination.k8s.io API group: Lease (create).
// Upstream: pkg/apis/coordination/validation/validation.go (ValidateLease,
// ValidateLeaseSpec, ValidateCoordinatedLeaseStrategy).

import { invalid, forbidden, notSupported, type FieldError } from './field';
import { SPEC, validateMetaOf } from './groupHelpers';
import { isQualifiedName, nameIsDNSSubdomain } from './names';
import { asObj, isNum, isStr, type KindValidator, type ValidatorTable } from './types';

/** The Kubernetes-defined coordinated leader election strategies (validLeaseStrategies). */
const LEASE_STRATEGIES = ['OldestEmulationVersion'];

/** ValidateCoordinatedLeaseStrategy: a defined name, or a qualified `example.com/strategy`. */
export function validateCoordinatedLeaseStrategy(strategy: string, path: ReturnType<typeof SPEC.child>): FieldError[] {
  // Upstream appends "strategy" to the path it is given, so a Lease's error is at spec.strategy.strategy.
  const at = path.child('strategy');
  if (!strategy.includes('/')) return LEASE_STRATEGIES.includes(strategy) ? [] : [notSupported(at, strategy, LEASE_STRATEGIES)];
  return isQualifiedName(strategy).map((m) => invalid(at, strategy, m));
}

const validateLease: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  const errs = out.errors;
  if (isNum(spec.leaseDurationSeconds) && spec.leaseDurationSeconds <= 0) errs.push(invalid(SPEC.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  if (isNum(spec.leaseTransitions) && spec.leaseTransitions < 0) errs.push(invalid(SPEC.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  const strategy = isStr(spec.strategy) ? spec.strategy : undefined;
  if (strategy !== undefined) errs.push(...validateCoordinatedLeaseStrategy(strategy, SPEC.child('strategy')));
  if (isStr(spec.preferredHolder) && spec.preferredHolder !== '' && (strategy === undefined || strategy === '')) {
    errs.push(forbidden(SPEC.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
};

export const coordinationValidators: ValidatorTable = {
  'coordination/Lease': validateLease,
};
