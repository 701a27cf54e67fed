// ResourceQuota, LimitRange, ReplicationController and Node.
// Upstream: pkg/apis/core/validation/validation.go (ValidateResourceQuota,
// ValidateResourceQuotaSpec, ValidateResourceQuotaResourceName,
// validateResourceQuotaScopes, ValidateLimitRange, validateLimitRangeTypeName,
// ValidateReplicationController, ValidateReplicationControllerSpec,
// ValidatePodTemplateSpecForRC, ValidateNode, validateNodeTaints).

import { FieldPath, duplicate, forbidden, invalid, notSupported, required, type FieldError } from './field';
import { validateCreateMeta, validateLabelName, validateObjectMeta, validateNonnegativeField } from './meta';
import { isQualifiedName, isValidCIDR, isValidLabelValue, nameIsDNSSubdomain, INVALID_CIDR } from './names';
import { validatePodTemplateSpec } from './pod';
import { podWarnings } from './pod-warnings';
import { isHugePageResourceName, isOvercommitAllowed, quantityOf, quantityText, validateContainerResourceName, validateResourceName, validateResourceQuantityValue } from './resources';
import { validateTaintEffect } from './scheduling-rules';
import { asList, isNum, isObj, isStr, type Json, type KindValidator, isWrongType, isMissing } from './types';
import { SELECTOR_MISMATCH } from './groupHelpers';

const STANDARD_QUOTA_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const isStandardQuotaResource = (name: string): boolean =>
  STANDARD_QUOTA_RESOURCES.has(name) || isHugePageResourceName(name) || name.startsWith('requests.hugepages-') || name.startsWith('limits.hugepages-');

const QUOTA_SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating', 'VolumeAttributesClass'];
/** Scopes a scope selector may only test with Exists. */
const EXISTS_ONLY_SCOPES = ['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'];

export const validateResourceQuota: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  const spec = isObj(obj.spec) ? obj.spec : {};
  const hardPath = FieldPath.root('spec', 'hard');
  const hard = isObj(spec.hard) ? spec.hard : {};
  for (const k of Object.keys(hard).sort()) {
    const p = hardPath.key(k);
    out.errors.push(...validateResourceName(k, p));
    if (!k.includes('/') && !isStandardQuotaResource(k)) out.errors.push(invalid(p, k, 'must be a standard resource for quota'));
    out.errors.push(...validateResourceQuantityValue(k, hard[k], p));
  }
  const scopes = asList(spec.scopes);
  if (scopes.some((s) => !QUOTA_SCOPES.includes(s as string))) out.errors.push(invalid(FieldPath.root('spec', 'scopes'), scopes, 'unsupported scope'));
  const conflicting = (a: string, b: string) => scopes.includes(a) && scopes.includes(b);
  if (conflicting('Terminating', 'NotTerminating') || conflicting('BestEffort', 'NotBestEffort')) {
    out.errors.push(invalid(FieldPath.root('spec', 'scopes'), scopes, 'conflicting scopes'));
  }
  const sel = spec.scopeSelector;
  if (isObj(sel)) {
    asList(sel.matchExpressions).forEach((req, i) => {
      if (!isObj(req)) return;
      const p = FieldPath.root('spec', 'scopeSelector', 'matchExpressions').index(i);
      if (!QUOTA_SCOPES.includes(req.scopeName as string)) out.errors.push(invalid(p.child('scopeName'), req.scopeName ?? '', 'unsupported scope'));
      const values = asList(req.values);
      if (EXISTS_ONLY_SCOPES.includes(req.scopeName as string) && req.operator !== 'Exists') {
        out.errors.push(
          invalid(
            p.child('operator'),
            req.operator ?? '',
            "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
          ),
        );
      }
      switch (req.operator) {
        case 'In':
        case 'NotIn':
          if (values.length === 0 && !isWrongType(req.values, 'list')) out.errors.push(required(p.child('values'), 'must be at least one value when `operator` is \'In\' or \'NotIn\' for scope selector'));
          break;
        case 'Exists':
        case 'DoesNotExist':
          if (values.length !== 0) out.errors.push(invalid(p.child('values'), values, 'must be no value when `operator` is \'Exist\' or \'DoesNotExist\' for scope selector'));
          break;
        default:
          out.errors.push(invalid(p.child('operator'), req.operator ?? '', 'not a valid selector operator'));
      }
    });
  }
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};

const LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

function limitRangeItemErrors(limit: Json, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = isStr(limit.type) ? limit.type : '';
  for (const m of isQualifiedName(type)) errs.push(invalid(p.child('type'), type, m));
  if (!type.includes('/') && !LIMIT_TYPES.has(type)) errs.push(invalid(p.child('type'), type, 'must be a standard limit type or fully qualified'));
  const lists: Record<string, Json> = {};
  const keys = new Set<string>();
  for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
    lists[f] = isObj(limit[f]) ? (limit[f] as Json) : {};
    if (type === 'Pod' && (f === 'default' || f === 'defaultRequest')) {
      if (Object.keys(lists[f]).length > 0) errs.push(forbidden(p.child(f), "may not be specified when `type` is 'Pod'"));
      continue;
    }
    for (const k of Object.keys(lists[f]).sort()) {
      if (type === 'Container' || type === 'Pod') errs.push(...validateContainerResourceName(k, p.child(f).key(k)));
      else errs.push(...validateResourceName(k, p.child(f).key(k)));
      errs.push(...validateResourceQuantityValue(k, lists[f][k], p.child(f).key(k)));
      keys.add(k);
    }
  }
  if (type === 'PersistentVolumeClaim' && !('storage' in lists.min) && !('storage' in lists.max)) {
    errs.push(required(p.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
  }
  for (const k of [...keys].sort()) {
    const q = (f: string) => quantityOf(lists[f][k]);
    const t = (f: string) => quantityText(lists[f][k]);
    const [min, max, def, defReq, ratio] = [q('min'), q('max'), q('default'), q('defaultRequest'), q('maxLimitRequestRatio')];
    if (min !== undefined && max !== undefined && min > max) errs.push(invalid(p.child('min').key(k), t('min'), `min value ${t('min')} is greater than max value ${t('max')}`));
    if (defReq !== undefined && min !== undefined && min > defReq) errs.push(invalid(p.child('defaultRequest').key(k), t('defaultRequest'), `min value ${t('min')} is greater than default request value ${t('defaultRequest')}`));
    if (defReq !== undefined && max !== undefined && defReq > max) errs.push(invalid(p.child('defaultRequest').key(k), t('defaultRequest'), `default request value ${t('defaultRequest')} is greater than max value ${t('max')}`));
    if (defReq !== undefined && def !== undefined && defReq > def) errs.push(invalid(p.child('defaultRequest').key(k), t('defaultRequest'), `default request value ${t('defaultRequest')} is greater than default limit value ${t('default')}`));
    if (def !== undefined && min !== undefined && min > def) errs.push(invalid(p.child('default').key(k), t('min'), `min value ${t('min')} is greater than default value ${t('default')}`));
    if (def !== undefined && max !== undefined && def > max) errs.push(invalid(p.child('default').key(k), t('max'), `default value ${t('default')} is greater than max value ${t('max')}`));
    if (ratio !== undefined && ratio < 1) errs.push(invalid(p.child('maxLimitRequestRatio').key(k), t('maxLimitRequestRatio'), `ratio ${t('maxLimitRequestRatio')} is less than 1`));
    if (ratio !== undefined && min !== undefined && max !== undefined && min > 0 && ratio > max / min) {
      errs.push(invalid(p.child('maxLimitRequestRatio').key(k), t('maxLimitRequestRatio'), `ratio ${t('maxLimitRequestRatio')} is greater than max/min = ${(max / min).toFixed(6)}`));
    }
    if (!isOvercommitAllowed(k) && def !== undefined && defReq !== undefined && def !== defReq) {
      errs.push(invalid(p.child('defaultRequest').key(k), t('defaultRequest'), `default value ${t('default')} must equal to defaultRequest value ${t('defaultRequest')} in ${k}`));
    }
  }
  return errs;
}

export const validateLimitRange: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  const spec = isObj(obj.spec) ? obj.spec : {};
  const types = new Set<string>();
  asList(spec.limits).forEach((limit, i) => {
    if (!isObj(limit)) return;
    const p = FieldPath.root('spec', 'limits').index(i);
    out.errors.push(...limitRangeItemErrors(limit, p));
    const type = isStr(limit.type) ? limit.type : '';
    if (types.has(type)) out.errors.push(duplicate(p.child('type'), type));
    types.add(type);
  });
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};

/** ReplicationController: selector required and matching, template with restartPolicy Always. */
export const validateReplicationController: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  const spec = isObj(obj.spec) ? obj.spec : {};
  const specPath = FieldPath.root('spec');
  out.errors.push(...validateNonnegativeField(spec.minReadySeconds, specPath.child('minReadySeconds')));
  const selector = isObj(spec.selector) ? spec.selector : {};
  if (Object.keys(selector).length === 0 && !isWrongType(spec.selector, 'object')) out.errors.push(required(specPath.child('selector'), ''));
  out.errors.push(...validateNonnegativeField(spec.replicas, specPath.child('replicas')));
  const tPath = specPath.child('template');
  if (isMissing(spec.template)) out.errors.push(required(tPath, ''));
  else if (isObj(spec.template)) {
    const t = spec.template;
    const labels = isObj(t.metadata) && isObj(t.metadata.labels) ? t.metadata.labels : {};
    if (Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
      out.errors.push(invalid(tPath.child('metadata', 'labels'), labels, SELECTOR_MISMATCH));
    }
    out.errors.push(...validatePodTemplateSpec(t, tPath));
    const tspec = isObj(t.spec) ? t.spec : {};
    if (isStr(tspec.restartPolicy) && tspec.restartPolicy !== 'Always') out.errors.push(notSupported(tPath.child('spec', 'restartPolicy'), tspec.restartPolicy, ['Always']));
    if (isNum(tspec.activeDeadlineSeconds)) out.errors.push(forbidden(tPath.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
    out.warnings.push(...podWarnings(t.metadata, t.spec, tPath));
  }
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};

/** Node (as a manifest rarely carries one): name, taints, pod CIDRs. */
export const validateNode: KindValidator = (obj, _opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, false, nameIsDNSSubdomain, metaPath));
  const spec = isObj(obj.spec) ? obj.spec : {};
  // Upstream validates spec.taints under the metadata path (`metadata.taints[0]...`); kept for parity.
  const taintsPath = FieldPath.root('metadata', 'taints');
  const seen = new Set<string>();
  asList(spec.taints).forEach((t, i) => {
    if (!isObj(t)) return;
    const p = taintsPath.index(i);
    const key = isStr(t.key) ? t.key : '';
    out.errors.push(...validateLabelName(key, p.child('key')));
    const value = isStr(t.value) ? t.value : '';
    const msgs = isValidLabelValue(value);
    if (msgs.length) out.errors.push(invalid(p.child('value'), value, msgs.join(';')));
    out.errors.push(...validateTaintEffect(t.effect, false, p.child('effect')));
    const k = `${String(t.effect ?? '')}/${key}`;
    if (seen.has(k)) out.errors.push({ ...duplicate(p, t), detail: 'taints must be unique by key and effect pair' });
    seen.add(k);
  });
  const cidrs = asList(spec.podCIDRs).filter(isStr);
  cidrs.forEach((c, i) => {
    if (!isValidCIDR(c)) out.errors.push(invalid(FieldPath.root('spec', 'podCIDRs').index(i), c, INVALID_CIDR));
  });
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};
