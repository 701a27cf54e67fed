// API-server validation of the batch API group: Job and CronJob (create).
// Upstream: pkg/apis/batch/validation/validation.go (ValidateJob, validateJobSpec,
// validatePodFailurePolicy, validateSuccessPolicy, ValidateCronJobCreate,
// validateCronJobSpec, validateScheduleFormat, validateTimeZone,
// ValidateJobTemplateSpec); warnings from pkg/registry/batch/{job,cronjob}/strategy.go
// and pkg/api/job/warnings.go (WarningsForJobSpec).

import { podNameWarning } from './apps';
import { cronParseError, isKnownTimeZone } from './cron';
import { FieldPath, GoLiteral, OMIT_VALUE, duplicate, invalid, notSupported, required, tooLong, tooMany, type ApiWarning, type FieldError } from './field';
import { SELECTOR_MISMATCH, SPEC, asSelector, isDomainPrefixedPath, nonNegative, objName, templateLabels, templateLabelsValue, validateMetaOf } from './groupHelpers';
import { validateLabelSelector } from './meta';
import { isDNS1123Label, isQualifiedName, nameIsDNSSubdomain } from './names';
import { podTemplateErrors, podTemplateWarnings, templateOf } from './podTemplate';
import { asList, asObj, isNum, isObj, isStr, type Json, type KindValidator, type ValidatorTable } from './types';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES_INDEXED = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_EXIT_CODE_VALUES = 255;
const MAX_POD_CONDITION_PATTERNS = 20;
const MAX_MANAGED_BY_LENGTH = 63;
const MAX_SUCCESS_POLICY_RULES = 20;

const POD_FAILURE_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_CODE_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];

/** Go's `%q` of a []string: `["a" "b"]`. */
const goQuotedList = (xs: string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;
const set = (v: unknown): boolean => v !== undefined && v !== null;

function validatePodFailurePolicy(spec: Json, p: FieldPath, errs: FieldError[]): void {
  const pfp = asObj(spec.podFailurePolicy);
  const rules = asList(pfp.rules);
  const rulesPath = p.child('rules');
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const podSpec = asObj(asObj(spec.template).spec);
  const containerNames = new Set<string>();
  for (const c of [...asList(podSpec.containers), ...asList(podSpec.initContainers)]) if (isObj(c) && isStr(c.name)) containerNames.add(c.name);
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const rp = rulesPath.index(i);
    const ap = rp.child('action');
    if (!set(rule.action) || rule.action === '') errs.push(required(ap, `valid values: ${goQuotedList(POD_FAILURE_ACTIONS)}`));
    else if (rule.action === 'FailIndex') {
      if (!set(spec.backoffLimitPerIndex)) errs.push(invalid(ap, rule.action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!POD_FAILURE_ACTIONS.includes(String(rule.action))) errs.push(notSupported(ap, rule.action, POD_FAILURE_ACTIONS));
    const onExit = isObj(rule.onExitCodes) ? rule.onExitCodes : undefined;
    const onConds = asList(rule.onPodConditions);
    if (onExit) validateOnExitCodes(onExit, rp.child('onExitCodes'), containerNames, errs);
    if (onConds.length > 0) validateOnPodConditions(onConds, rp.child('onPodConditions'), errs);
    if (onExit && onConds.length > 0) errs.push(invalid(rp, OMIT_VALUE, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!onExit && onConds.length === 0) errs.push(invalid(rp, OMIT_VALUE, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
}

function validateOnPodConditions(conds: unknown[], p: FieldPath, errs: FieldError[]): void {
  if (conds.length > MAX_POD_CONDITION_PATTERNS) errs.push(tooMany(p, conds.length, MAX_POD_CONDITION_PATTERNS));
  conds.forEach((c, j) => {
    const pattern = asObj(c);
    const pp = p.index(j);
    const type = isStr(pattern.type) ? pattern.type : '';
    for (const m of isQualifiedName(type)) errs.push(invalid(pp.child('type'), type, m));
    const sp = pp.child('status');
    if (!set(pattern.status) || pattern.status === '') errs.push(required(sp, `valid values: ${goQuotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(String(pattern.status))) errs.push(notSupported(sp, pattern.status, CONDITION_STATUSES));
  });
}

function validateOnExitCodes(req: Json, p: FieldPath, containerNames: Set<string>, errs: FieldError[]): void {
  const op = req.operator;
  if (!set(op) || op === '') errs.push(required(p.child('operator'), `valid values: ${goQuotedList(EXIT_CODE_OPERATORS)}`));
  else if (!EXIT_CODE_OPERATORS.includes(String(op))) errs.push(notSupported(p.child('operator'), op, EXIT_CODE_OPERATORS));
  if (isStr(req.containerName) && !containerNames.has(req.containerName)) {
    errs.push(invalid(p.child('containerName'), req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const vp = p.child('values');
  const values = asList(req.values).filter(isNum);
  if (values.length === 0) errs.push(invalid(vp, new GoLiteral('[]int32(nil)'), 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODE_VALUES) errs.push(tooMany(vp, values.length, MAX_EXIT_CODE_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) errs.push(invalid(vp.index(j), v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(vp.index(j), v));
    else seen.add(v);
    if (j > 0 && values[j - 1] > v) ordered = false;
  });
  if (!ordered) errs.push(invalid(vp, new GoLiteral(`[]int32{${values.join(', ')}}`), 'must be ordered'));
}

/** parseIndexInterval / validateIndexesFormat: "1,3-5" style index lists. Returns [total, error]. */
function indexesFormat(text: string, completions: number): [number, string | undefined] {
  if (text === '') return [0, undefined];
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return [0, `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`];
    const nums: number[] = [];
    for (const l of limits) {
      if (!/^[+-]?\d+$/.test(l)) return [0, `cannot convert string to integer for index: ${JSON.stringify(l)}`];
      const n = parseInt(l, 10);
      if (n >= completions) return [0, `too large index: ${JSON.stringify(l)}`];
      nums.push(n);
    }
    const x = nums[0];
    const y = nums.length > 1 ? nums[1] : x;
    if (nums.length > 1 && x >= y) return [0, `non-increasing order, previous: ${x}, current: ${y}`];
    if (last !== undefined && last >= x) return [0, `non-increasing order, previous: ${last}, current: ${x}`];
    total += y - x + 1;
    last = y;
  }
  return [total, undefined];
}

function validateSuccessPolicy(spec: Json, p: FieldPath, errs: FieldError[]): void {
  const rules = asList(asObj(spec.successPolicy).rules);
  const rulesPath = p.child('rules');
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions = isNum(spec.completions) ? spec.completions : 0;
  rules.forEach((r, i) => {
    const rule = asObj(r);
    const rp = rulesPath.index(i);
    if (!set(rule.succeededCount) && !set(rule.succeededIndexes)) errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    let total = 0;
    if (isStr(rule.succeededIndexes)) {
      const ip = rp.child('succeededIndexes');
      if (rule.succeededIndexes.length > 64 * 1024) errs.push(tooLong(ip, rule.succeededIndexes, 64 * 1024));
      const [t, err] = indexesFormat(rule.succeededIndexes, completions);
      total = t;
      if (err) errs.push(invalid(ip, rule.succeededIndexes, `error parsing succeededIndexes: ${err}`));
    }
    if (isNum(rule.succeededCount)) {
      const cp = rp.child('succeededCount');
      errs.push(...nonNegative(rule.succeededCount, cp));
      if (rule.succeededCount > completions) errs.push(invalid(cp, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (isStr(rule.succeededIndexes) && rule.succeededCount > total) {
        errs.push(invalid(cp, rule.succeededCount, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
}

/** validateJobSpec (shared by Job and CronJob's jobTemplate). */
function validateJobSpec(spec: Json, p: FieldPath, errs: FieldError[]): void {
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) errs.push(...nonNegative(spec[f], p.child(f)));
  if (set(spec.maxFailedIndexes)) {
    errs.push(...nonNegative(spec.maxFailedIndexes, p.child('maxFailedIndexes')));
    if (!set(spec.backoffLimitPerIndex)) errs.push(required(p.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (isStr(spec.managedBy)) {
    errs.push(...isDomainPrefixedPath(p.child('managedBy'), spec.managedBy));
    if (spec.managedBy.length > MAX_MANAGED_BY_LENGTH) errs.push(tooLong(p.child('managedBy'), spec.managedBy, MAX_MANAGED_BY_LENGTH));
  }
  const mode = spec.completionMode;
  const completions = isNum(spec.completions) ? spec.completions : undefined;
  const parallelism = isNum(spec.parallelism) ? spec.parallelism : undefined;
  const maxFailed = isNum(spec.maxFailedIndexes) ? spec.maxFailedIndexes : undefined;
  if (set(mode)) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(p.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (!set(spec.completions)) errs.push(required(p.child('completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(invalid(p.child('parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
      if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) errs.push(invalid(p.child('maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_INDEXED) errs.push(invalid(p.child('maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_INDEXED}`));
      if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && set(spec.backoffLimitPerIndex)) {
        const why = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
        if (maxFailed === undefined) errs.push(required(p.child('maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
        if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
          errs.push(invalid(p.child('parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${why}`));
        }
        if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
          errs.push(invalid(p.child('maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${why}`));
        }
      }
    }
  }
  if (!set(mode) || mode === 'NonIndexed') {
    if (set(spec.backoffLimitPerIndex)) errs.push(invalid(p.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (set(spec.maxFailedIndexes)) errs.push(invalid(p.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  const hasPFP = isObj(spec.podFailurePolicy);
  if (hasPFP) validatePodFailurePolicy(spec, p.child('podFailurePolicy'), errs);
  if (isObj(spec.successPolicy)) {
    if (mode !== 'Indexed') errs.push(invalid(p.child('successPolicy'), spec.successPolicy, 'requires indexed completion mode'));
    else validateSuccessPolicy(spec, p.child('successPolicy'), errs);
  }
  const prp = spec.podReplacementPolicy;
  if (set(prp)) {
    if (hasPFP) {
      if (prp !== 'Failed') errs.push(notSupported(p.child('podReplacementPolicy'), prp, ['Failed']));
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed') errs.push(notSupported(p.child('podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']));
  }
  const tp = p.child('template');
  // SetDefaults_PodSpec gives a Job template without restartPolicy `Always` (rejected
  // below); the pod spec itself is validated with that default.
  const t = templateOf(spec.template);
  const ts = asObj(t.spec);
  errs.push(...podTemplateErrors(set(ts.restartPolicy) ? t : { ...t, spec: { ...ts, restartPolicy: 'Always' } }, tp));
  const rpPath = tp.child('spec', 'restartPolicy');
  const restart = asObj(asObj(spec.template).spec).restartPolicy;
  if (restart === 'Always' || restart === '' || !set(restart)) errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(notSupported(rpPath, restart, ['OnFailure', 'Never']));
  else if (hasPFP && restart !== 'Never') errs.push(invalid(rpPath, restart, 'only "Never" is supported when podFailurePolicy is specified'));
}

/** WarningsForJobSpec. */
function jobSpecWarnings(spec: Json, p: FieldPath): ApiWarning[] {
  const warnings: ApiWarning[] = [];
  if (spec.completionMode === 'Indexed') {
    const completions = isNum(spec.completions) ? spec.completions : 0;
    const parallelism = isNum(spec.parallelism) ? spec.parallelism : 0;
    if (completions > COMPLETIONS_SOFT_LIMIT && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
      warnings.push({
        path: p.steps(),
        message: `${p.toString()}: In Indexed Jobs with a number of completions higher than 10^5 and a parallelism higher than 10^4, Kubernetes might not be able to track completedIndexes when a big number of indexes fail`,
      });
    }
  }
  return [...warnings, ...podTemplateWarnings(spec.template, p.child('template'))];
}

const JOB_NAME_LABELS = ['batch.kubernetes.io/job-name', 'job-name'];
const CONTROLLER_UID_LABELS = ['batch.kubernetes.io/controller-uid', 'controller-uid'];

/**
 * validateGeneratedSelector after generateSelector (pkg/registry/batch/job/strategy.go):
 * the server adds job-name and controller-uid labels to the template (keeping a
 * user's own) and controller-uid to the selector; a selector the user wrote must
 * then still select exactly the generated labels. The uid is not known before
 * create, so selector terms on controller-uid are not judged here.
 */
function validateGeneratedSelector(obj: Json, spec: Json, errs: FieldError[]): void {
  const name = objName(obj);
  const md = asObj(asObj(spec.template).metadata);
  const labels = asObj(md.labels);
  for (const key of JOB_NAME_LABELS) {
    if (isStr(labels[key]) && labels[key] !== name) {
      errs.push(invalid(SPEC.child('template', 'metadata', 'labels').key(key), labels, `must be '${name}'`));
    }
  }
  if (!isObj(spec.selector)) return;
  const userSelector: Json = { ...spec.selector };
  if (isObj(userSelector.matchLabels)) {
    userSelector.matchLabels = Object.fromEntries(Object.entries(userSelector.matchLabels).filter(([k]) => !CONTROLLER_UID_LABELS.includes(k)));
  }
  userSelector.matchExpressions = asList(userSelector.matchExpressions).filter((e) => !(isObj(e) && CONTROLLER_UID_LABELS.includes(String(e.key))));
  const sel = asSelector(userSelector);
  const expected = Object.fromEntries(JOB_NAME_LABELS.map((k) => [k, name]));
  if (sel.errors.length === 0 && !sel.matches(expected)) errs.push(invalid(SPEC.child('selector'), spec.selector, '`selector` not auto-generated'));
}

const validateJob: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  const errs = out.errors;
  validateJobSpec(spec, SPEC, errs);
  // The API server generates the selector and the matching template labels unless
  // manualSelector is true; only a manual selector can be missing or not match.
  if (spec.manualSelector !== true) validateGeneratedSelector(obj, spec, errs);
  else {
    const sp = SPEC.child('selector');
    if (!isObj(spec.selector)) errs.push(required(sp, ''));
    else errs.push(...validateLabelSelector(spec.selector, { allowInvalidLabelValueInSelector: false }, sp));
    const sel = asSelector(spec.selector);
    if (sel.errors.length === 0 && !sel.matches(templateLabels(spec.template))) {
      errs.push(invalid(SPEC.child('template', 'metadata', 'labels'), templateLabelsValue(spec.template), SELECTOR_MISMATCH));
    }
  }
  const name = objName(obj);
  if (spec.completionMode === 'Indexed' && isNum(spec.completions) && spec.completions > 0 && name !== '') {
    const hostname = `${name}-${spec.completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) errs.push(invalid(FieldPath.root('metadata', 'name'), name, `will not able to create pod with invalid DNS label: ${hostname}`));
  }
  podNameWarning(obj, out);
  out.warnings.push(...jobSpecWarnings(spec, SPEC));
};

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: unknown, p: FieldPath, errs: FieldError[]): void {
  if (!isStr(tz)) return;
  if (tz === '') {
    errs.push(invalid(p, tz, 'timeZone must be nil or non-empty string'));
    return;
  }
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) {
      errs.push(invalid(p, tz, `unknown time zone ${tz}`));
      return;
    }
  }
  if (tz.toLowerCase() === 'local') errs.push(invalid(p, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  if (!isKnownTimeZone(tz)) errs.push(invalid(p, tz, `unknown time zone ${tz}`));
}

const validateCronJob: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  const errs = out.errors;
  const schedulePath = SPEC.child('schedule');
  if (!isStr(spec.schedule) || spec.schedule.length === 0) errs.push(required(schedulePath, ''));
  else {
    const err = cronParseError(spec.schedule);
    if (err) errs.push(invalid(schedulePath, spec.schedule, err));
    if (spec.schedule.includes('TZ')) errs.push(invalid(schedulePath, spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, SPEC.child('startingDeadlineSeconds')));
  validateTimeZone(spec.timeZone, SPEC.child('timeZone'), errs);
  const cp = spec.concurrencyPolicy;
  if (!set(cp) || cp === '') errs.push(required(SPEC.child('concurrencyPolicy'), ''));
  else if (cp !== 'Allow' && cp !== 'Forbid' && cp !== 'Replace') errs.push(notSupported(SPEC.child('concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']));
  const jt = SPEC.child('jobTemplate');
  const jobSpec = asObj(asObj(spec.jobTemplate).spec);
  validateJobSpec(jobSpec, jt.child('spec'), errs);
  if (set(jobSpec.selector)) errs.push(invalid(jt.child('spec', 'selector'), jobSpec.selector, '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(notSupported(jt.child('spec', 'manualSelector'), true, ['nil', 'false']));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, SPEC.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, SPEC.child('failedJobsHistoryLimit')));
  // Job names get an 11-character suffix and must stay DNS-1035 labels (63).
  const name = objName(obj);
  if (name.length > 52) errs.push(invalid(FieldPath.root('metadata', 'name'), name, 'must be no more than 52 characters'));
  podNameWarning(obj, out);
  out.warnings.push(...jobSpecWarnings(jobSpec, jt.child('spec')));
};

export const batchValidators: ValidatorTable = {
  'batch/Job': validateJob,
  'batch/CronJob': validateCronJob,
};
