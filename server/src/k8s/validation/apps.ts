// API-server validation of the apps API group: Deployment, ReplicaSet,
// StatefulSet, DaemonSet, ControllerRevision (create).
// Upstream: pkg/apis/apps/validation/validation.go (ValidateDeployment,
// ValidateReplicaSet, ValidateStatefulSet, ValidateDaemonSet,
// ValidateControllerRevision and their spec/strategy helpers); warnings from
// pkg/registry/apps/{deployment,replicaset,daemonset,statefulset}/strategy.go
// (WarningsOnCreate: the DNS-label name warning, pod template warnings and the
// StatefulSet claim templates' PVC spec warnings).

import { FieldPath, forbidden, invalid, notSupported, required, type FieldError } from './field';
import {
  SELECTOR_MISMATCH,
  SPEC,
  asSelector,
  emptySelectorLiteral,
  intOrPercentValue,
  intOrStringBadValue,
  nonNegative,
  notMoreThan100Percent,
  objName,
  templateLabels,
  templateLabelsValue,
  validateMetaOf,
  validatePositiveIntOrPercent,
} from './groupHelpers';
import { validateLabelSelector, validateLabels, validateAnnotations } from './meta';
import { isDNS1123Label, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { podTemplateErrors, podTemplateWarnings, templateOf } from './podTemplate';
import { pvcSpecWarnings } from './storage-core';
import { asList, asObj, isNum, isObj, type Json, type KindValidator, type ValidationResult, type ValidatorTable } from './types';

const STRICT_SELECTOR = { allowInvalidLabelValueInSelector: false };

/** `metadata.name: this is used in Pod names and hostnames ...` (workload strategies' WarningsOnCreate). */
export function podNameWarning(obj: Json, out: ValidationResult): void {
  const msgs = isDNS1123Label(objName(obj));
  if (objName(obj) !== '' && msgs.length > 0) {
    out.warnings.push({
      path: FieldPath.root('metadata', 'name').steps(),
      message: `metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`,
    });
  }
}

/** spec.selector required, strictly valid, non-empty ("empty selector is invalid for <what>"). */
function validateRequiredSelector(spec: Json, what: string, errs: FieldError[]): void {
  const p = SPEC.child('selector');
  if (!isObj(spec.selector)) {
    errs.push(required(p, ''));
    return;
  }
  errs.push(...validateLabelSelector(spec.selector, STRICT_SELECTOR, p));
  const n = (isObj(spec.selector.matchLabels) ? Object.keys(spec.selector.matchLabels).length : 0) + (Array.isArray(spec.selector.matchExpressions) ? spec.selector.matchExpressions.length : 0);
  if (n === 0) errs.push(invalid(p, emptySelectorLiteral(spec.selector), `empty selector is invalid for ${what}`));
}

/** ValidatePodTemplateSpecForReplicaSet (Deployment and ReplicaSet). */
function validateTemplateForReplicaSet(spec: Json, kind: string, out: ValidationResult): void {
  const errs = out.errors;
  const sel = asSelector(spec.selector);
  const tp = SPEC.child('template');
  if (sel.errors.length > 0) {
    errs.push(invalid(SPEC.child('selector'), isObj(spec.selector) ? emptySelectorLiteral(spec.selector) : null, 'invalid label selector'));
    return;
  }
  const template = templateOf(spec.template);
  if (!sel.isEverything() && !sel.matches(templateLabels(template))) errs.push(invalid(tp.child('metadata', 'labels'), templateLabelsValue(template), SELECTOR_MISMATCH));
  errs.push(...podTemplateErrors(template, tp));
  restartAlwaysOnly(template, tp, kind, errs);
}

/** Workload templates: restartPolicy must be Always, activeDeadlineSeconds unsupported. */
function restartAlwaysOnly(template: Json, tp: FieldPath, kind: string, errs: FieldError[]): void {
  const ps = asObj(template.spec);
  if (ps.restartPolicy !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), ps.restartPolicy ?? '', ['Always']));
  if (ps.activeDeadlineSeconds !== undefined && ps.activeDeadlineSeconds !== null) {
    errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
}

function validateDeploymentStrategy(strategy: unknown, errs: FieldError[]): void {
  const p = SPEC.child('strategy');
  const s = asObj(strategy);
  // `rollingUpdate: null` decodes to a nil pointer: absent, not set.
  const ru = s.rollingUpdate === null ? undefined : s.rollingUpdate;
  switch (s.type) {
    case 'Recreate':
      if (ru !== undefined) errs.push(forbidden(p.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case 'RollingUpdate': {
      if (!isObj(ru)) {
        errs.push(required(p.child('rollingUpdate'), 'this should be defaulted and never be nil'));
        break;
      }
      const rp = p.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, rp.child('maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid(rp.child('maxUnavailable'), intOrStringBadValue(ru.maxUnavailable ?? 0), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, rp.child('maxUnavailable')));
      break;
    }
    default:
      errs.push(notSupported(p, s, ['Recreate', 'RollingUpdate']));
  }
}

const validateDeployment: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  const errs = out.errors;
  errs.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
  validateRequiredSelector(spec, 'deployment', errs);
  validateTemplateForReplicaSet(spec, 'ReplicaSet', out);
  validateDeploymentStrategy(spec.strategy, errs);
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  if (isObj(spec.rollbackTo)) errs.push(...nonNegative(spec.rollbackTo.revision, SPEC.child('rollback', 'version')));
  if (isNum(spec.progressDeadlineSeconds)) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, SPEC.child('progressDeadlineSeconds')));
    const minReady = isNum(spec.minReadySeconds) ? spec.minReadySeconds : 0;
    if (spec.progressDeadlineSeconds <= minReady) errs.push(invalid(SPEC.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  podNameWarning(obj, out);
  out.warnings.push(...podTemplateWarnings(spec.template, SPEC.child('template')));
};

const validateReplicaSet: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  out.errors.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
  out.errors.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  // Upstream reuses the Deployment wording for ReplicaSets.
  validateRequiredSelector(spec, 'deployment', out.errors);
  validateTemplateForReplicaSet(spec, 'ReplicaSet', out);
  podNameWarning(obj, out);
  out.warnings.push(...podTemplateWarnings(spec.template, SPEC.child('template')));
};

function validateStatefulSetUpdateStrategy(us: Json, errs: FieldError[]): void {
  const p = SPEC.child('updateStrategy');
  const ru = us.rollingUpdate === null ? undefined : us.rollingUpdate;
  switch (us.type) {
    case undefined:
    case '':
      errs.push(required(p, ''));
      break;
    case 'OnDelete':
      if (ru !== undefined) errs.push(invalid(p.child('rollingUpdate'), ru, "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (isObj(ru)) {
        const rp = p.child('rollingUpdate');
        errs.push(...nonNegative(ru.partition, rp.child('partition')));
        if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
          const mp = rp.child('maxUnavailable');
          errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, mp));
          if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(mp, intOrStringBadValue(ru.maxUnavailable), 'cannot be 0'));
          errs.push(...notMoreThan100Percent(ru.maxUnavailable, mp));
        }
      }
      break;
    default:
      errs.push(invalid(p, us, "must be 'RollingUpdate' or 'OnDelete'"));
  }
}

function validateRetentionPolicy(policy: unknown, errs: FieldError[]): void {
  if (!isObj(policy)) return;
  const p = SPEC.child('persistentVolumeClaimRetentionPolicy');
  for (const key of ['whenDeleted', 'whenScaled']) {
    const v = policy[key];
    if (v !== 'Retain' && v !== 'Delete') errs.push(notSupported(p.child(key), v ?? '', ['Retain', 'Delete']));
  }
}

const validateStatefulSet: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSLabel, out);
  const spec = asObj(obj.spec);
  const errs = out.errors;
  const pmp = spec.podManagementPolicy;
  if (pmp === undefined || pmp === '') errs.push(required(SPEC.child('podManagementPolicy'), ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid(SPEC.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  validateStatefulSetUpdateStrategy(asObj(spec.updateStrategy), errs);
  validateRetentionPolicy(spec.persistentVolumeClaimRetentionPolicy, errs);
  errs.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  if (isObj(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, SPEC.child('ordinals.start')));
  validateRequiredSelector(spec, 'statefulset', errs);
  const sel = asSelector(spec.selector);
  const tp = SPEC.child('template');
  const template = templateOf(spec.template);
  if (sel.errors.length > 0) errs.push(invalid(SPEC.child('selector'), isObj(spec.selector) ? emptySelectorLiteral(spec.selector) : null, ''));
  else {
    // ValidatePodTemplateSpecForStatefulSet: labels, annotations and the selector match only.
    if (!sel.isEverything() && !sel.matches(templateLabels(template))) errs.push(invalid(tp.child('metadata', 'labels'), templateLabelsValue(template), SELECTOR_MISMATCH));
    const md = asObj(template.metadata);
    errs.push(...validateLabels(md.labels, tp.child('labels')));
    errs.push(...validateAnnotations(md.annotations, tp.child('annotations')));
  }
  restartAlwaysOnly(template, tp, 'StatefulSet', errs);
  out.warnings.push(...podTemplateWarnings(spec.template, tp));
  // The claim templates' spec warnings are reported on the template's index path
  // (upstream passes spec.volumeClaimTemplates[i], without `.spec`).
  asList(spec.volumeClaimTemplates).forEach((t, i) => {
    out.warnings.push(...pvcSpecWarnings(asObj(t).spec, SPEC.child('volumeClaimTemplates').index(i)));
  });
};

function validateDaemonSetUpdateStrategy(us: Json, errs: FieldError[]): void {
  const p = SPEC.child('updateStrategy');
  switch (us.type) {
    case 'OnDelete':
      break;
    case 'RollingUpdate': {
      if (!isObj(us.rollingUpdate)) {
        errs.push(required(p.child('rollingUpdate'), ''));
        return;
      }
      const ru = us.rollingUpdate;
      const rp = p.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, rp.child('maxSurge')));
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, rp.child('maxUnavailable')));
      errs.push(...notMoreThan100Percent(ru.maxSurge, rp.child('maxSurge')));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(invalid(rp.child('maxSurge'), intOrStringBadValue(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasUnavailable && !hasSurge) errs.push(required(rp.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      break;
    }
    default:
      errs.push(notSupported(p, us, ['RollingUpdate', 'OnDelete']));
  }
}

const validateDaemonSet: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  const errs = out.errors;
  const sp = SPEC.child('selector');
  errs.push(...validateLabelSelector(spec.selector, STRICT_SELECTOR, sp));
  const sel = asSelector(spec.selector);
  const template = templateOf(spec.template);
  const tp = SPEC.child('template');
  if (sel.errors.length === 0 && !sel.matches(templateLabels(template))) errs.push(invalid(tp.child('metadata', 'labels'), templateLabelsValue(template), SELECTOR_MISMATCH));
  if (isObj(spec.selector)) {
    const n = (isObj(spec.selector.matchLabels) ? Object.keys(spec.selector.matchLabels).length : 0) + (Array.isArray(spec.selector.matchExpressions) ? spec.selector.matchExpressions.length : 0);
    if (n === 0) errs.push(invalid(sp, emptySelectorLiteral(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...podTemplateErrors(template, tp));
  restartAlwaysOnly(template, tp, 'DaemonSet', errs);
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(spec.templateGeneration, SPEC.child('templateGeneration')));
  validateDaemonSetUpdateStrategy(asObj(spec.updateStrategy), errs);
  errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  podNameWarning(obj, out);
  out.warnings.push(...podTemplateWarnings(spec.template, tp));
};

const validateControllerRevision: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  if (obj.data === undefined || obj.data === null) out.errors.push(required(FieldPath.root('data'), 'data is mandatory'));
  out.errors.push(...nonNegative(obj.revision, FieldPath.root('revision')));
};

export const appsValidators: ValidatorTable = {
  'apps/Deployment': validateDeployment,
  'apps/ReplicaSet': validateReplicaSet,
  'apps/StatefulSet': validateStatefulSet,
  'apps/DaemonSet': validateDaemonSet,
  'apps/ControllerRevision': validateControllerRevision,
};
