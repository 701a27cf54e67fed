// Scheduling constraints of a pod spec: node affinity / node selector terms, pod
// (anti-)affinity, tolerations, topology spread constraints.
// Upstream: pkg/apis/core/validation/validation.go (validateAffinity,
// ValidateNodeSelector, ValidateNodeSelectorTerm, ValidateNodeSelectorRequirement,
// ValidateNodeFieldSelectorRequirement, validatePodAffinityTerm,
// ValidateTolerations, validateTaintEffect, validateTopologySpreadConstraints,
// ValidateMaxSkew, ValidateSpreadConstraintNotRepeat, validateMinDomains).

import { FieldPath, GoLiteral, duplicate, forbidden, invalid, notSupported, required, type FieldError } from './field';
import { validateLabelName, validateLabelSelector, validateNamespaceName } from './meta';
import { isValidLabelValue, nameIsDNSSubdomain } from './names';
import { IS_NOT_POSITIVE_ERROR_MSG } from './resources';
import { asList, isNum, isObj, isStr, type Json, isWrongType } from './types';

const strList = (v: unknown): string[] => asList(v).filter(isStr);

export function validateNodeSelectorRequirement(rq: Json, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = asList(rq.values);
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0 && !isWrongType(rq.values, 'list')) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(path.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(isStr(rq.key) ? rq.key : '', path.child('key')));
  if (!allowInvalidValues) {
    values.forEach((v, i) => {
      if (isStr(v)) for (const m of isValidLabelValue(v)) errs.push(invalid(path.child('values').index(i), v, m));
    });
  }
  return errs;
}

/** matchFields: only `metadata.name`, with exactly one value for In/NotIn. */
export function validateNodeFieldSelectorRequirement(rq: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = asList(rq.values);
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if (values.length !== 1) errs.push(required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(invalid(path.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  if (rq.key !== 'metadata.name') errs.push(invalid(path.child('key'), rq.key ?? '', 'not a valid field selector key'));
  else {
    values.forEach((v, i) => {
      if (isStr(v)) for (const m of nameIsDNSSubdomain(v, false)) errs.push(invalid(path.child('values').index(i), v, m));
    });
  }
  return errs;
}

export function validateNodeSelectorTerm(term: unknown, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(term)) return errs;
  asList(term.matchExpressions).forEach((r, j) => {
    if (isObj(r)) errs.push(...validateNodeSelectorRequirement(r, allowInvalidValues, path.child('matchExpressions').index(j)));
  });
  asList(term.matchFields).forEach((r, j) => {
    if (isObj(r)) errs.push(...validateNodeFieldSelectorRequirement(r, path.child('matchFields').index(j)));
  });
  return errs;
}

/** ValidateNodeSelector: at least one term. */
export function validateNodeSelector(sel: Json, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const termsPath = path.child('nodeSelectorTerms');
  const terms = asList(sel.nodeSelectorTerms);
  if (terms.length === 0 && !isWrongType(sel.nodeSelectorTerms, 'list')) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, allowInvalidValues, termsPath.index(i)));
}

function validateWeight(w: unknown, path: FieldPath): FieldError[] {
  return isNum(w) && (w <= 0 || w > 100) ? [invalid(path, w, 'must be in the range 1-100')] : w === undefined ? [invalid(path, 0, 'must be in the range 1-100')] : [];
}

function validatePodAffinityTerm(term: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(term.labelSelector, {}, path.child('labelSelector')));
  errs.push(...validateLabelSelector(term.namespaceSelector, {}, path.child('namespaceSelector')));
  for (const ns of strList(term.namespaces)) for (const m of validateNamespaceName(ns, false)) errs.push(invalid(path.child('namespace'), ns, m));
  const selectorKeys = new Set(isObj(term.labelSelector) && isObj(term.labelSelector.matchLabels) ? Object.keys(term.labelSelector.matchLabels) : []);
  for (const f of ['matchLabelKeys', 'mismatchLabelKeys']) {
    strList(term[f]).forEach((k, i) => {
      const kp = path.child(f).index(i);
      errs.push(...validateLabelName(k, kp));
      if (!isObj(term.labelSelector)) errs.push(forbidden(path.child(f), 'must not be specified when labelSelector is not set'));
      else if (selectorKeys.has(k)) errs.push(invalid(kp, k, 'exists in both matchLabels and matchLabelKeys/mismatchLabelKeys'));
    });
  }
  const tk = isStr(term.topologyKey) ? term.topologyKey : '';
  if (tk === '') errs.push(required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(tk, path.child('topologyKey')));
  return errs;
}

function validatePodAffinityTerms(terms: unknown, path: FieldPath): FieldError[] {
  return asList(terms).flatMap((t, i) => (isObj(t) ? validatePodAffinityTerm(t, path.index(i)) : []));
}

function validateWeightedPodAffinityTerms(terms: unknown, path: FieldPath): FieldError[] {
  return asList(terms).flatMap((t, i) => {
    if (!isObj(t)) return [];
    const p = path.index(i);
    const errs = validateWeight(t.weight, p.child('weight'));
    if (isObj(t.podAffinityTerm)) errs.push(...validatePodAffinityTerm(t.podAffinityTerm, p.child('podAffinityTerm')));
    return errs;
  });
}

/** validateAffinity. */
export function validateAffinity(affinity: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(affinity)) return errs;
  const na = affinity.nodeAffinity;
  if (isObj(na)) {
    const np = path.child('nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(req)) errs.push(...validateNodeSelector(req, false, np.child('requiredDuringSchedulingIgnoredDuringExecution')));
    asList(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!isObj(t)) return;
      const p = np.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      errs.push(...validateWeight(t.weight, p.child('weight')));
      errs.push(...validateNodeSelectorTerm(t.preference, true, p.child('preference')));
    });
  }
  for (const key of ['podAffinity', 'podAntiAffinity']) {
    const pa = affinity[key];
    if (!isObj(pa)) continue;
    const pp = path.child(key);
    errs.push(...validatePodAffinityTerms(pa.requiredDuringSchedulingIgnoredDuringExecution, pp.child('requiredDuringSchedulingIgnoredDuringExecution')));
    errs.push(...validateWeightedPodAffinityTerms(pa.preferredDuringSchedulingIgnoredDuringExecution, pp.child('preferredDuringSchedulingIgnoredDuringExecution')));
  }
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: unknown, allowEmpty: boolean, path: FieldPath): FieldError[] {
  if (effect === undefined || effect === '') return allowEmpty ? [] : [required(path, '')];
  return TAINT_EFFECTS.includes(effect as string) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

/** A toleration as Go's `%#v` prints it in upstream's error value. */
function tolerationLiteral(t: Json): GoLiteral {
  const secs = isNum(t.tolerationSeconds) ? `(*int64)(${t.tolerationSeconds})` : '(*int64)(nil)';
  const str = (v: unknown) => JSON.stringify(isStr(v) ? v : '');
  return new GoLiteral(`core.Toleration{Key:${str(t.key)}, Operator:${str(t.operator)}, Value:${str(t.value)}, Effect:${str(t.effect)}, TolerationSeconds:${secs}}`);
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  asList(tolerations).forEach((t, i) => {
    if (!isObj(t)) return;
    const p = path.index(i);
    const key = isStr(t.key) ? t.key : '';
    const op = isStr(t.operator) ? t.operator : '';
    const value = isStr(t.value) ? t.value : '';
    if (key !== '') errs.push(...validateLabelName(key, p.child('key')));
    if (key === '' && op !== 'Exists') errs.push(invalid(p.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (isNum(t.tolerationSeconds) && t.effect !== 'NoExecute') errs.push(invalid(p.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(p.child('operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value !== '') errs.push(invalid(p.child('operator'), tolerationLiteral(t), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(p.child('operator'), op, ['Equal', 'Exists']));
    }
    if (isStr(t.effect) && t.effect !== '') errs.push(...validateTaintEffect(t.effect, true, p.child('effect')));
  });
  return errs;
}

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const INCLUSION_POLICIES = ['Honor', 'Ignore'];

/** validateTopologySpreadConstraints. */
export function validateTopologySpreadConstraints(constraints: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = asList(constraints);
  list.forEach((c, i) => {
    if (!isObj(c)) return;
    const p = path.index(i);
    if (isNum(c.maxSkew) ? c.maxSkew <= 0 : true) errs.push(invalid(p.child('maxSkew'), c.maxSkew ?? 0, IS_NOT_POSITIVE_ERROR_MSG));
    const tk = isStr(c.topologyKey) ? c.topologyKey : '';
    if (tk === '') errs.push(required(p.child('topologyKey'), 'can not be empty'));
    const wu = isStr(c.whenUnsatisfiable) ? c.whenUnsatisfiable : '';
    if (!WHEN_UNSATISFIABLE.includes(wu)) errs.push(notSupported(p.child('whenUnsatisfiable'), wu, WHEN_UNSATISFIABLE));
    const repeated = list.slice(i + 1).some((o) => isObj(o) && o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (repeated) errs.push(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${tk}, ${wu}}`));
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (!isNum(c.minDomains) || c.minDomains <= 0) errs.push(invalid(p.child('minDomains'), c.minDomains, IS_NOT_POSITIVE_ERROR_MSG));
      if (wu !== 'DoNotSchedule') errs.push(invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${wu}`));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const v = c[f];
      if (isStr(v) && !INCLUSION_POLICIES.includes(v)) errs.push(notSupported(p.child(f), v, INCLUSION_POLICIES));
    }
    const keys = strList(c.matchLabelKeys);
    if (keys.length > 0 && !isObj(c.labelSelector)) errs.push(forbidden(p.child('matchLabelKeys'), 'must not be specified when labelSelector is not set'));
    keys.forEach((k, j) => errs.push(...validateLabelName(k, p.child('matchLabelKeys').index(j))));
    errs.push(...validateLabelSelector(c.labelSelector, {}, p.child('labelSelector')));
  });
  return errs;
}
