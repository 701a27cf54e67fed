// API-server validation of the admissionregistration.k8s.io admission policies:
// ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding (create, v1).
// Upstream: pkg/apis/admissionregistration/validation/validation.go
// (validateValidatingAdmissionPolicySpec, validateParamKind, validateMatchResources,
// validateNamedRuleWithOperations, validateValidation, validateAuditAnnotation,
// validateVariable, validateValidatingAdmissionPolicyBindingSpec, validateParamRef,
// validateValidationActions). v1 defaults (failurePolicy Fail, matchPolicy
// Equivalent, empty namespace and object selectors) are applied on the fly.
//
// No CEL: expressions (validations, messageExpression, auditAnnotations,
// variables, matchConditions) are checked for presence and shape, never compiled
// or type-checked as the API server does, and a policy is never evaluated
// against the objects it matches.

import { duplicate, FieldPath, forbidden, invalid, notSupported, required, type FieldError } from './field';
import { validateMetaOf } from './groupHelpers';
import { oneOf, validateMatchConditions, validateRuleWithOperations, validateSelectors } from './admissionregistration';
import { validateLabelSelector } from './meta';
import { isDNS1035Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, validatePathSegmentName } from './names';
import { asList, asObj, isObj, isStr, type Json, type KindValidator, type ValidatorTable } from './types';

const SPEC = FieldPath.root('spec');
const str = (v: unknown): string => (isStr(v) ? v : '');
const set = (v: unknown): boolean => v !== undefined && v !== null;

/** validateParamKind. */
function validateParamKind(pk: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = str(pk.apiVersion);
  if (apiVersion === '') errs.push(required(path.child('apiVersion'), ''));
  else {
    const parts = apiVersion.split('/');
    if (parts.length > 2) errs.push(invalid(path.child('apiVersion'), apiVersion, `unexpected GroupVersion string: ${apiVersion}`));
    else {
      const [group, version] = parts.length === 2 ? parts : ['', parts[0]];
      if (group !== '') {
        const msgs = isDNS1123Subdomain(group);
        if (msgs.length > 0) errs.push(invalid(path.child('apiVersion'), group, msgs.join(',')));
      }
      if (version === '') errs.push(invalid(path.child('apiVersion'), apiVersion, 'version must be specified'));
      else {
        const msgs = isDNS1035Label(version);
        if (msgs.length > 0) errs.push(invalid(path.child('apiVersion'), version, msgs.join(',')));
      }
    }
  }
  const kind = str(pk.kind);
  if (kind === '') errs.push(required(path.child('kind'), ''));
  else {
    const msgs = isDNS1035Label(kind.toLowerCase());
    if (msgs.length > 0) errs.push(invalid(path.child('kind'), kind, `may have mixed case, but should otherwise match: ${msgs.join(',')}`));
  }
  return errs;
}

/** validateNamedRuleWithOperations. */
function validateNamedRule(rule: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  asList(rule.resourceNames).forEach((n, i) => {
    const name = str(n);
    for (const m of validatePathSegmentName(name, false)) errs.push(invalid(path.child('resourceNames').index(i), name, m));
  });
  errs.push(...validateRuleWithOperations(rule, path));
  return errs;
}

/** validateMatchResources (defaults applied: a missing matchPolicy or selector is the default, not an error). */
function validateMatchResources(mc: unknown, path: FieldPath): FieldError[] {
  if (!isObj(mc)) return [];
  const errs: FieldError[] = [];
  errs.push(...oneOf(mc.matchPolicy, ['Equivalent', 'Exact'], path.child('matchPolicy')));
  errs.push(...validateSelectors(mc, path));
  asList(mc.resourceRules).forEach((r, i) => errs.push(...validateNamedRule(asObj(r), path.child('resourceRules').index(i))));
  asList(mc.excludeResourceRules).forEach((r, i) => errs.push(...validateNamedRule(asObj(r), path.child('excludeResourceRules').index(i))));
  return errs;
}

const REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge', 'Unauthorized'];

/** validateValidation. */
function validateValidation(v: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(v.expression).trim() === '') errs.push(required(path.child('expression'), 'expression is not specified'));
  const messageExpression = str(v.messageExpression);
  if (messageExpression !== '' && messageExpression.trim() === '') errs.push(invalid(path.child('messageExpression'), messageExpression, 'must be non-empty if specified'));
  const message = str(v.message);
  if (message !== '' && message.trim() === '') errs.push(invalid(path.child('message'), message, 'message must be non-empty if specified'));
  else if (/[\n\r]/.test(message.trim())) errs.push(invalid(path.child('message'), message, 'message must not contain line breaks'));
  errs.push(...oneOf(v.reason, REASONS, path.child('reason')));
  return errs;
}

/** validateAuditAnnotation. */
function validateAuditAnnotation(policyName: string, a: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const key = str(a.key);
  if (policyName !== '') {
    const qualified = `${policyName}/${key}`;
    for (const m of isQualifiedName(qualified)) errs.push(invalid(path.child('key'), qualified, m));
  } else errs.push(invalid(path.child('key'), key, 'requires metadata.name be non-empty'));
  const valueExpression = str(a.valueExpression).trim();
  if (valueExpression === '') errs.push(required(path.child('valueExpression'), 'valueExpression is not specified'));
  else if (Buffer.byteLength(valueExpression) > 5 * 1024) errs.push(invalid(path.child('valueExpression'), a.valueExpression, 'must not exceed 5120 bytes'));
  return errs;
}

const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** validateVariable. */
function validateVariable(v: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(v.name);
  if (name.trim() === '') errs.push(required(path.child('name'), 'name is not specified'));
  else if (!CEL_IDENTIFIER.test(name) || CEL_RESERVED.has(name)) errs.push(invalid(path.child('name'), name, 'name is not a valid CEL identifier'));
  if (str(v.expression).trim() === '') errs.push(required(path.child('expression'), 'expression is not specified'));
  return errs;
}

const validateValidatingAdmissionPolicy: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const spec = asObj(obj.spec);
  errs.push(...oneOf(spec.failurePolicy, ['Fail', 'Ignore'], SPEC.child('failurePolicy')));
  if (isObj(spec.paramKind)) errs.push(...validateParamKind(spec.paramKind, SPEC.child('paramKind')));
  if (!isObj(spec.matchConstraints)) errs.push(required(SPEC.child('matchConstraints'), ''));
  else {
    errs.push(...validateMatchResources(spec.matchConstraints, SPEC.child('matchConstraints')));
    // At least one resource rule gives the expressions their type information.
    if (asList(spec.matchConstraints.resourceRules).length === 0) errs.push(required(SPEC.child('matchConstraints', 'resourceRules'), ''));
  }
  errs.push(...validateMatchConditions(asList(spec.matchConditions), SPEC.child('matchConditions')));
  asList(spec.variables).forEach((v, i) => errs.push(...validateVariable(asObj(v), SPEC.child('variables').index(i))));
  const validations = asList(spec.validations);
  const audits = asList(spec.auditAnnotations);
  if (validations.length === 0 && audits.length === 0) {
    errs.push(required(SPEC.child('validations'), 'validations or auditAnnotations must contain at least one item'));
    errs.push(required(SPEC.child('auditAnnotations'), 'validations or auditAnnotations must contain at least one item'));
    return;
  }
  validations.forEach((v, i) => errs.push(...validateValidation(asObj(v), SPEC.child('validations').index(i))));
  if (audits.length > 20) errs.push(invalid(SPEC.child('auditAnnotations'), audits, 'must not have more than 20 auditAnnotations'));
  const policyName = isObj(obj.metadata) ? str(obj.metadata.name) : '';
  const keys = new Set<string>();
  audits.forEach((a, i) => {
    const ann = asObj(a);
    errs.push(...validateAuditAnnotation(policyName, ann, SPEC.child('auditAnnotations').index(i)));
    const key = str(ann.key);
    if (keys.has(key)) errs.push(duplicate(SPEC.child('auditAnnotations').index(i).child('key'), key));
    keys.add(key);
  });
};

/** validateParamRef. */
function validateParamRef(pr: unknown, path: FieldPath): FieldError[] {
  if (!isObj(pr)) return [];
  const errs: FieldError[] = [];
  const name = str(pr.name);
  const hasSelector = isObj(pr.selector);
  if (name !== '') {
    for (const m of validatePathSegmentName(name, false)) errs.push(invalid(path.child('name'), name, m));
    if (hasSelector) errs.push(forbidden(path.child('name'), 'name and selector are mutually exclusive'));
  }
  const namespace = str(pr.namespace);
  if (namespace !== '') for (const m of validatePathSegmentName(namespace, false)) errs.push(invalid(path.child('namespace'), namespace, m));
  const action = str(pr.parameterNotFoundAction);
  if (action === '') errs.push(required(path.child('parameterNotFoundAction'), ''));
  else if (action !== 'Deny' && action !== 'Allow') errs.push(notSupported(path.child('parameterNotFoundAction'), action, ['Deny', 'Allow']));
  if (hasSelector) {
    errs.push(...validateLabelSelector(pr.selector, { allowInvalidLabelValueInSelector: false }, path.child('selector')));
    if (name !== '') errs.push(forbidden(path.child('selector'), 'name and selector are mutually exclusive'));
  }
  if (name === '' && !hasSelector) errs.push(required(path, 'one of name or selector must be specified'));
  return errs;
}

const VALIDATION_ACTIONS = ['Audit', 'Deny', 'Warn'];

/** validateValidationActions. */
function validateValidationActions(actions: unknown[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    const action = str(a);
    if (!VALIDATION_ACTIONS.includes(action)) errs.push(notSupported(path.index(i), a, VALIDATION_ACTIONS));
    if (seen.has(action)) errs.push(duplicate(path.index(i), a));
    seen.add(action);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    errs.push(invalid(path, actions, 'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'));
  }
  if (seen.size === 0) errs.push(required(path, 'at least one validation action is required'));
  return errs;
}

const validateValidatingAdmissionPolicyBinding: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const spec = asObj(obj.spec);
  const policyName = str(spec.policyName);
  if (policyName === '') errs.push(required(SPEC.child('policyName'), ''));
  else for (const m of nameIsDNSSubdomain(policyName, false)) errs.push(invalid(SPEC.child('policyName'), policyName, m));
  errs.push(...validateParamRef(spec.paramRef, SPEC.child('paramRef')));
  // Upstream's path really is spelt "matchResouces".
  if (set(spec.matchResources)) errs.push(...validateMatchResources(spec.matchResources, SPEC.child('matchResouces')));
  errs.push(...validateValidationActions(asList(spec.validationActions), SPEC.child('validationActions')));
};

export const admissionPolicyValidators: ValidatorTable = {
  'admissionregistration/ValidatingAdmissionPolicy': validateValidatingAdmissionPolicy,
  'admissionregistration/ValidatingAdmissionPolicyBinding': validateValidatingAdmissionPolicyBinding,
};
