// API-server validation of the autoscaling API group: HorizontalPodAutoscaler
// (autoscaling/v2 and autoscaling/v1; create).
// Upstream: pkg/apis/autoscaling/validation/validation.go
// (ValidateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerSpec,
// ValidateCrossVersionObjectReference, validateMetrics, validateMetricSpec, the
// per-source validators, validateMetricTarget, validateBehavior/ScalingRules/
// ScalingPolicy). Validation runs on the internal (v2-shaped) object: an
// autoscaling/v1 `targetCPUUtilizationPercentage` converts to a Resource cpu
// Utilization metric, so its errors carry the internal path
// (`spec.metrics[0].resource.target.averageUtilization`) as the API server's do.

import { FieldPath, forbidden, invalid, notSupported, required, type FieldError } from './field';
import { SPEC, validateMetaOf } from './groupHelpers';
import { isDNS1123Label, nameIsDNSSubdomain, validatePathSegmentName } from './names';
import { quantityOf, validateContainerResourceName } from './resources';
import { asList, asObj, isNum, isObj, isStr, type Json, type KindValidator, type ValidatorTable } from './types';

const MIN_REPLICAS_LOWER_BOUND = 1; // HPAScaleToZero is alpha (off).
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const set = (v: unknown): boolean => v !== undefined && v !== null;

/** ValidateCrossVersionObjectReference. */
function validateObjectReference(ref: Json, p: FieldPath, errs: FieldError[]): void {
  for (const key of ['kind', 'name']) {
    const v = isStr(ref[key]) ? (ref[key] as string) : '';
    if (v === '') errs.push(required(p.child(key), ''));
    else for (const m of validatePathSegmentName(v, false)) errs.push(invalid(p.child(key), v, m));
  }
}

function validateMetricIdentifier(id: Json, p: FieldPath, errs: FieldError[]): void {
  const name = isStr(id.name) ? id.name : '';
  if (name === '') errs.push(required(p.child('name'), 'must specify a metric name'));
  else for (const m of validatePathSegmentName(name, false)) errs.push(invalid(p.child('name'), name, m));
}

function validateMetricTarget(t: Json, p: FieldPath, errs: FieldError[]): void {
  const type = isStr(t.type) ? t.type : '';
  if (type === '') errs.push(required(p.child('type'), 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') errs.push(invalid(p.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  for (const key of ['value', 'averageValue']) {
    if (!set(t[key])) continue;
    const q = quantityOf(t[key]);
    if (q !== undefined && q <= 0) errs.push(invalid(p.child(key), t[key], 'must be positive'));
  }
  if (isNum(t.averageUtilization) && t.averageUtilization < 1) errs.push(invalid(p.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
}

function validateSource(kind: string, src: Json, p: FieldPath, errs: FieldError[]): void {
  const target = asObj(src.target);
  const tp = p.child('target');
  switch (kind) {
    case 'object':
      validateObjectReference(asObj(src.describedObject), p.child('describedObject'), errs);
      validateMetricIdentifier(asObj(src.metric), p.child('metric'), errs);
      validateMetricTarget(target, tp, errs);
      if (!set(target.value) && !set(target.averageValue)) errs.push(required(tp.child('averageValue'), 'must set either a target value or averageValue'));
      break;
    case 'external':
      validateMetricIdentifier(asObj(src.metric), p.child('metric'), errs);
      validateMetricTarget(target, tp, errs);
      if (!set(target.value) && !set(target.averageValue)) errs.push(required(tp.child('averageValue'), 'must set either a target value for metric or a per-pod target'));
      if (set(target.value) && set(target.averageValue)) errs.push(forbidden(tp.child('value'), 'may not set both a target value for metric and a per-pod target'));
      break;
    case 'pods':
      validateMetricIdentifier(asObj(src.metric), p.child('metric'), errs);
      validateMetricTarget(target, tp, errs);
      if (!set(target.averageValue)) errs.push(required(tp.child('averageValue'), 'must specify a positive target averageValue'));
      break;
    case 'resource':
    case 'containerResource': {
      const name = isStr(src.name) ? src.name : '';
      if (name === '') errs.push(required(p.child('name'), 'must specify a resource name'));
      else if (kind === 'containerResource') errs.push(...validateContainerResourceName(name, p.child('name')));
      if (kind === 'containerResource') {
        const container = isStr(src.container) ? src.container : '';
        if (container === '') errs.push(required(p.child('container'), 'must specify a container'));
        else for (const m of isDNS1123Label(container)) errs.push(invalid(p.child('container'), container, m));
      }
      validateMetricTarget(target, tp, errs);
      if (!set(target.averageUtilization) && !set(target.averageValue)) errs.push(required(tp.child('averageUtilization'), 'must set either a target raw value or a target utilization'));
      if (set(target.averageUtilization) && set(target.averageValue)) errs.push(forbidden(tp.child('averageValue'), 'may not set both a target raw value and a target utilization'));
      break;
    }
  }
}

const SOURCE_FIELDS: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', ContainerResource: 'containerResource', External: 'external' };

/** validateMetricSpec. */
function validateMetricSpec(spec: Json, p: FieldPath, errs: FieldError[]): void {
  const type = isStr(spec.type) ? spec.type : '';
  if (type === '') errs.push(required(p.child('type'), 'must specify a metric source type'));
  if (!SOURCE_TYPES.includes(type)) errs.push(notSupported(p.child('type'), type, SOURCE_TYPES));
  // Only the first source present (in upstream's order) is validated.
  const present = ['object', 'external', 'pods', 'resource', 'containerResource'].filter((f) => isObj(spec[f]));
  if (present.length > 0) validateSource(present[0], spec[present[0]] as Json, p.child(present[0]), errs);
  const expected = SOURCE_FIELDS[type];
  if (expected && !isObj(spec[expected])) errs.push(required(p.child(expected), 'must populate information for the given metric source'));
  // Upstream's switch default reports an unknown type a second time.
  if (!expected) errs.push(notSupported(p.child('type'), type, SOURCE_TYPES));
  if (present.length !== 1) {
    for (const f of present.filter((x) => x !== expected).sort()) errs.push(forbidden(p.child(f), 'must populate the given metric source only'));
  }
}

function validateScalingRules(rules: unknown, p: FieldPath, errs: FieldError[]): void {
  if (!isObj(rules)) return;
  const sw = rules.stabilizationWindowSeconds;
  if (isNum(sw) && sw < 0) errs.push(invalid(p.child('stabilizationWindowSeconds'), sw, 'must be greater than or equal to zero'));
  if (isNum(sw) && sw > MAX_STABILIZATION_WINDOW_SECONDS) errs.push(invalid(p.child('stabilizationWindowSeconds'), sw, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  if (set(rules.selectPolicy) && !SELECT_POLICIES.includes(String(rules.selectPolicy))) errs.push(notSupported(p.child('selectPolicy'), rules.selectPolicy, SELECT_POLICIES));
  const pp = p.child('policies');
  // Missing policies are defaulted (SetDefaults_HorizontalPodAutoscalerBehavior); an explicit empty list is not.
  if (Array.isArray(rules.policies) && rules.policies.length === 0) errs.push(required(pp, 'must specify at least one Policy'));
  asList(rules.policies).forEach((pol, i) => {
    const policy = asObj(pol);
    const ip = pp.index(i);
    if (policy.type !== 'Pods' && policy.type !== 'Percent') errs.push(notSupported(ip.child('type'), policy.type ?? '', POLICY_TYPES));
    const value = isNum(policy.value) ? policy.value : 0;
    if (value <= 0) errs.push(invalid(ip.child('value'), value, 'must be greater than zero'));
    const period = isNum(policy.periodSeconds) ? policy.periodSeconds : 0;
    if (period <= 0) errs.push(invalid(ip.child('periodSeconds'), period, 'must be greater than zero'));
    if (period > MAX_PERIOD_SECONDS) errs.push(invalid(ip.child('periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
}

/** The internal (v2) metrics of a spec: v1's targetCPUUtilizationPercentage becomes a cpu Utilization metric. */
function internalMetrics(apiVersion: string, spec: Json): unknown[] {
  if (apiVersion !== 'autoscaling/v1') return asList(spec.metrics);
  if (!set(spec.targetCPUUtilizationPercentage)) return [];
  return [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
}

const validateHorizontalPodAutoscaler: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const spec = asObj(obj.spec);
  const minReplicas = isNum(spec.minReplicas) ? spec.minReplicas : undefined;
  const maxReplicas = isNum(spec.maxReplicas) ? spec.maxReplicas : 0;
  if (minReplicas !== undefined && minReplicas < MIN_REPLICAS_LOWER_BOUND) {
    errs.push(invalid(SPEC.child('minReplicas'), minReplicas, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`));
  }
  if (maxReplicas < 1) errs.push(invalid(SPEC.child('maxReplicas'), maxReplicas, 'must be greater than 0'));
  if (minReplicas !== undefined && maxReplicas < minReplicas) errs.push(invalid(SPEC.child('maxReplicas'), maxReplicas, 'must be greater than or equal to `minReplicas`'));
  validateObjectReference(asObj(spec.scaleTargetRef), SPEC.child('scaleTargetRef'), errs);
  const apiVersion = isStr(obj.apiVersion) ? obj.apiVersion : '';
  internalMetrics(apiVersion, spec).forEach((m, i) => validateMetricSpec(asObj(m), SPEC.child('metrics').index(i), errs));
  if (isObj(spec.behavior)) {
    validateScalingRules(spec.behavior.scaleUp, SPEC.child('behavior', 'scaleUp'), errs);
    validateScalingRules(spec.behavior.scaleDown, SPEC.child('behavior', 'scaleDown'), errs);
  }
};

export const autoscalingValidators: ValidatorTable = {
  'autoscaling/HorizontalPodAutoscaler': validateHorizontalPodAutoscaler,
};
