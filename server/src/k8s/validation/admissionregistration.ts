// API-server validation of the admissionregistration.k8s.io API group, webhook
// configurations: ValidatingWebhookConfiguration, MutatingWebhookConfiguration
// (create, v1), and the rule and selector checks the admission policies share
// (admissionPolicy.ts).
// Upstream: pkg/apis/admissionregistration/validation/validation.go
// (validateValidatingWebhookConfiguration, validateMutatingWebhookConfiguration,
// validateValidatingWebhook, validateMutatingWebhook, validateRuleWithOperations,
// validateRule, validateResources, validateAdmissionReviewVersions,
// validateMatchConditions) and apiserver pkg/util/webhook/validation.go
// (ValidateWebhookURL, ValidateWebhookService). v1 defaults (failurePolicy Fail,
// matchPolicy Equivalent, timeoutSeconds 10, scope "*", service port 443,
// reinvocationPolicy Never) are applied on the fly.
//
// Not evaluated: matchConditions' CEL expressions are checked for presence, not
// compiled (the API server refuses an expression that does not compile).

import { duplicate, FieldPath, invalid, notSupported, required, tooMany, type FieldError } from './field';
import { validateMetaOf } from './groupHelpers';
import { validateLabelSelector } from './meta';
import { isDNS1035Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from './names';
import { asList, asObj, isNum, isObj, isStr, type Json, type KindValidator, type ValidatorTable } from './types';

const strs = (v: unknown): string[] => asList(v).map((x) => (isStr(x) ? x : String(x)));
const set = (v: unknown): boolean => v !== undefined && v !== null;

/** apimachinery IsFullyQualifiedName (webhook names). */
export function isFullyQualifiedName(path: FieldPath, name: string): FieldError[] {
  if (name === '') return [required(path, '')];
  const msgs = isDNS1123Subdomain(name);
  if (msgs.length > 0) return [invalid(path, name, msgs.join(','))];
  if (name.split('.').length < 3) return [invalid(path, name, 'should be a domain with at least three segments separated by dots')];
  return [];
}

/** Which wildcard conflicts validateRule reports for one list ("*" with anything else). */
function wildcardWithOthers(values: string[], path: FieldPath, what: string): FieldError[] {
  return values.length > 1 && values.includes('*') ? [invalid(path, values, `if '*' is present, must not specify other ${what}`)] : [];
}

/** validateResources. */
function validateResources(resources: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (resources.length === 0) errs.push(required(path, ''));
  const withWildcardSub = new Set<string>();
  const subWithWildcardRes = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSub = false;
  resources.forEach((rs, i) => {
    if (rs === '') {
      errs.push(required(path.index(i), ''));
      return;
    }
    if (rs === '*/*') doubleWildcard = true;
    if (rs === '*') singleWildcard = true;
    const slash = rs.indexOf('/');
    if (slash < 0) {
      withoutSub = rs !== '*';
      return;
    }
    const res = rs.slice(0, slash);
    const sub = rs.slice(slash + 1);
    if (withWildcardSub.has(res)) errs.push(invalid(path.index(i), rs, `if '${res}/*' is present, must not specify ${rs}`));
    if (subWithWildcardRes.has(sub)) errs.push(invalid(path.index(i), rs, `if '*/${sub}' is present, must not specify ${rs}`));
    if (sub === '*') withWildcardSub.add(res);
    if (res === '*') subWithWildcardRes.add(sub);
  });
  if (resources.length > 1 && doubleWildcard) errs.push(invalid(path, resources, "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && withoutSub) errs.push(invalid(path, resources, "if '*' is present, must not specify other resources without subresources"));
  return errs;
}

/** validateRule (apiGroups, apiVersions, resources, scope). */
function validateRule(rule: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const groups = strs(rule.apiGroups);
  if (groups.length === 0) errs.push(required(path.child('apiGroups'), ''));
  errs.push(...wildcardWithOthers(groups, path.child('apiGroups'), 'API groups'));
  const versions = strs(rule.apiVersions);
  if (versions.length === 0) errs.push(required(path.child('apiVersions'), ''));
  errs.push(...wildcardWithOthers(versions, path.child('apiVersions'), 'API versions'));
  versions.forEach((v, i) => {
    if (v === '') errs.push(required(path.child('apiVersions').index(i), ''));
  });
  errs.push(...validateResources(strs(rule.resources), path.child('resources')));
  if (set(rule.scope) && !['Cluster', 'Namespaced', '*'].includes(String(rule.scope))) {
    errs.push(notSupported(path.child('scope'), rule.scope, ['Cluster', 'Namespaced', '*']));
  }
  return errs;
}

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];

/** validateRuleWithOperations. */
export function validateRuleWithOperations(rule: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const ops = strs(rule.operations);
  if (ops.length === 0) errs.push(required(path.child('operations'), ''));
  if (ops.length > 1 && ops.includes('*')) errs.push(invalid(path.child('operations'), ops, "if '*' is present, must not specify other operations"));
  ops.forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errs.push(notSupported(path.child('operations').index(i), op, OPERATIONS));
  });
  errs.push(...validateRule(rule, path));
  return errs;
}

/** A field that must hold one of `allowed` when set (upstream lists sets.String sorted). */
export function oneOf(v: unknown, allowed: string[], path: FieldPath): FieldError[] {
  return set(v) && !allowed.includes(String(v)) ? [notSupported(path, v, allowed)] : [];
}

/** The label selectors every matcher has (namespaceSelector, objectSelector). */
export function validateSelectors(m: Json, path: FieldPath): FieldError[] {
  return [
    ...validateLabelSelector(m.namespaceSelector, { allowInvalidLabelValueInSelector: false }, path.child('namespaceSelector')),
    ...validateLabelSelector(m.objectSelector, { allowInvalidLabelValueInSelector: false }, path.child('objectSelector')),
  ];
}

/** validateMatchConditions without compiling the expressions (see the header). */
export function validateMatchConditions(conditions: unknown[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  conditions.forEach((c, i) => {
    const cond = asObj(c);
    const name = isStr(cond.name) ? cond.name : '';
    const p = path.index(i);
    if (name === '') errs.push(required(p.child('name'), ''));
    else {
      for (const m of isQualifiedName(name)) errs.push(invalid(p.child('name'), name, m));
      if (names.has(name)) errs.push(duplicate(p.child('name'), name));
      names.add(name);
    }
    if (!isStr(cond.expression) || cond.expression.trim() === '') errs.push(required(p.child('expression'), ''));
  });
  if (conditions.length > 64) errs.push(tooMany(path, conditions.length, 64));
  return errs;
}

const ACCEPTED_REVIEW_VERSIONS = ['v1', 'v1beta1'];

/** validateAdmissionReviewVersions (v1: at least one recognized version required). */
function validateAdmissionReviewVersions(versions: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (versions.length === 0) return [required(path, `must specify one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`)];
  const seen = new Set<string>();
  let recognized = false;
  versions.forEach((v, i) => {
    if (ACCEPTED_REVIEW_VERSIONS.includes(v)) recognized = true;
    if (v === '') errs.push(required(path.index(i), ''));
    else for (const m of isDNS1035Label(v)) errs.push(invalid(path.index(i), v, m));
    if (seen.has(v)) errs.push(invalid(path.index(i), v, 'duplicate version'));
    seen.add(v);
  });
  if (!recognized) errs.push(invalid(path, versions, `must include at least one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`));
  return errs;
}

const URL_FORM = '; desired format: https://host[/path]';

/** Go's url.Parse as far as ValidateWebhookURL looks: scheme, host, user info, query, fragment. */
function parseURL(raw: string): { scheme: string; host: string; user?: string; query: string; fragment: string } {
  let rest = raw;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let scheme = '';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  }
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let host = '';
  let user: string | undefined;
  if (rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    let authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      user = authority.slice(0, at);
      authority = authority.slice(at + 1);
    }
    host = authority;
  }
  return { scheme, host, user, query, fragment };
}

/** ValidateWebhookURL(path, url, forceHttps=true). */
export function validateWebhookURL(path: FieldPath, raw: string): FieldError[] {
  const u = parseURL(raw);
  const errs: FieldError[] = [];
  if (u.scheme !== 'https') errs.push(invalid(path, u.scheme, `'https' is the only allowed URL scheme${URL_FORM}`));
  if (u.host === '') errs.push(invalid(path, u.host, `host must be specified${URL_FORM}`));
  if (u.user !== undefined) errs.push(invalid(path, u.user, 'user information is not permitted in the URL'));
  if (u.fragment !== '') errs.push(invalid(path, u.fragment, 'fragments are not permitted in the URL'));
  if (u.query !== '') errs.push(invalid(path, u.query, 'query parameters are not permitted in the URL'));
  return errs;
}

/** ValidateWebhookService. */
export function validateWebhookService(path: FieldPath, service: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (!isStr(service.name) || service.name === '') errs.push(required(path.child('name'), 'service name is required'));
  if (!isStr(service.namespace) || service.namespace === '') errs.push(required(path.child('namespace'), 'service namespace is required'));
  const port = isNum(service.port) ? service.port : 443;
  const portErrs = isValidPortNum(port);
  if (portErrs.length > 0) errs.push(invalid(path.child('port'), port, `port is not valid: ${portErrs.join(', ')}`));
  if (!isStr(service.path) || service.path === '' || service.path === '/') return errs;
  const urlPath = service.path;
  if (urlPath === '//') return [...errs, invalid(path.child('path'), urlPath, 'segment[0] may not be empty')];
  if (!urlPath.startsWith('/')) errs.push(invalid(path.child('path'), urlPath, "must start with a '/'"));
  let check = urlPath.slice(1);
  if (check.endsWith('/')) check = check.slice(0, -1);
  check.split('/').forEach((step, i) => {
    if (step === '') {
      errs.push(invalid(path.child('path'), urlPath, `segment[${i}] may not be empty`));
      return;
    }
    for (const m of isDNS1123Subdomain(step)) errs.push(invalid(path.child('path'), urlPath, `segment[${i}]: ${m}`));
  });
  return errs;
}

/** The webhook's clientConfig: exactly one of url and service. */
function validateClientConfig(cc: Json, path: FieldPath): FieldError[] {
  const hasURL = isStr(cc.url);
  const hasService = isObj(cc.service);
  if (hasURL === hasService) return [required(path, 'exactly one of url or service is required')];
  return hasURL ? validateWebhookURL(path.child('url'), cc.url as string) : validateWebhookService(path.child('service'), cc.service as Json);
}

const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];

/** validateValidatingWebhook / validateMutatingWebhook (v1, create). */
function validateWebhook(hook: Json, path: FieldPath, mutating: boolean): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...isFullyQualifiedName(path.child('name'), isStr(hook.name) ? hook.name : ''));
  asList(hook.rules).forEach((r, i) => errs.push(...validateRuleWithOperations(asObj(r), path.child('rules').index(i))));
  errs.push(...oneOf(hook.failurePolicy, ['Fail', 'Ignore'], path.child('failurePolicy')));
  errs.push(...oneOf(hook.matchPolicy, ['Equivalent', 'Exact'], path.child('matchPolicy')));
  if (!set(hook.sideEffects)) errs.push(required(path.child('sideEffects'), `must specify one of ${NO_SIDE_EFFECTS.join(', ')}`));
  else errs.push(...oneOf(hook.sideEffects, NO_SIDE_EFFECTS, path.child('sideEffects')));
  if (isNum(hook.timeoutSeconds) && (hook.timeoutSeconds < 1 || hook.timeoutSeconds > 30)) {
    errs.push(invalid(path.child('timeoutSeconds'), hook.timeoutSeconds, 'the timeout value must be between 1 and 30 seconds'));
  }
  errs.push(...validateSelectors(hook, path));
  errs.push(...validateAdmissionReviewVersions(strs(hook.admissionReviewVersions), path.child('admissionReviewVersions')));
  errs.push(...validateClientConfig(asObj(hook.clientConfig), path.child('clientConfig')));
  if (mutating) errs.push(...oneOf(hook.reinvocationPolicy, ['IfNeeded', 'Never'], path.child('reinvocationPolicy')));
  errs.push(...validateMatchConditions(asList(hook.matchConditions), path.child('matchConditions')));
  return errs;
}

function webhookConfigurationValidator(mutating: boolean): KindValidator {
  return (obj, _opts, out) => {
    validateMetaOf(obj, false, nameIsDNSSubdomain, out);
    const names = new Set<string>();
    asList(obj.webhooks).forEach((h, i) => {
      const hook = asObj(h);
      const p = FieldPath.root('webhooks').index(i);
      if (isStr(hook.name) && hook.name !== '') {
        if (names.has(hook.name)) out.errors.push(duplicate(p.child('name'), hook.name));
        names.add(hook.name);
      }
      out.errors.push(...validateWebhook(hook, p, mutating));
    });
  };
}

export const webhookValidators: ValidatorTable = {
  'admissionregistration/ValidatingWebhookConfiguration': webhookConfigurationValidator(false),
  'admissionregistration/MutatingWebhookConfiguration': webhookConfigurationValidator(true),
};
