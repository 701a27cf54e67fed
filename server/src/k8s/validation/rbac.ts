// API-server validation of the rbac.authorization.k8s.io API group: Role,
// ClusterRole, RoleBinding, ClusterRoleBinding (create).
// Upstream: pkg/apis/rbac/validation/validation.go (ValidateRole,
// ValidateClusterRole, ValidatePolicyRule, ValidateRoleBinding,
// ValidateClusterRoleBinding, ValidateRoleBindingSubject). Defaults from
// pkg/apis/rbac/v1/defaults.go are applied on the fly (roleRef.apiGroup and
// User/Group subjects' apiGroup default to rbac.authorization.k8s.io).

import { FieldPath, invalid, notSupported, required, type FieldError } from './field';
import { asSelector, validateMetaOf } from './groupHelpers';
import { validateLabelSelector } from './meta';
import { nameIsDNSSubdomain, validatePathSegmentName } from './names';
import { asList, asObj, isObj, isStr, type Json, type KindValidator, type ValidatorTable } from './types';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const str = (v: unknown): string => (isStr(v) ? v : '');

/** ValidatePolicyRule. */
function validatePolicyRule(rule: Json, namespaced: boolean, p: FieldPath, errs: FieldError[]): void {
  if (asList(rule.verbs).length === 0) errs.push(required(p.child('verbs'), 'verbs must contain at least one value'));
  const urls = asList(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(p.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (asList(rule.apiGroups).length > 0 || asList(rule.resources).length > 0 || asList(rule.resourceNames).length > 0) {
      errs.push(invalid(p.child('nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return;
  }
  if (asList(rule.apiGroups).length === 0) errs.push(required(p.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (asList(rule.resources).length === 0) errs.push(required(p.child('resources'), 'resource rules must supply at least one resource'));
}

function validateRules(obj: Json, namespaced: boolean, errs: FieldError[]): void {
  asList(obj.rules).forEach((r, i) => {
    if (isObj(r)) validatePolicyRule(r, namespaced, FieldPath.root('rules').index(i), errs);
  });
}

const validateRole: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, validatePathSegmentName, out);
  validateRules(obj, true, out.errors);
};

const validateClusterRole: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, validatePathSegmentName, out);
  validateRules(obj, false, out.errors);
  if (isObj(obj.aggregationRule)) {
    const p = FieldPath.root('aggregationRule', 'clusterRoleSelectors');
    const selectors = asList(obj.aggregationRule.clusterRoleSelectors);
    if (selectors.length === 0) out.errors.push(required(p, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((s, i) => {
      out.errors.push(...validateLabelSelector(s, { allowInvalidLabelValueInSelector: false }, p.index(i)));
      if (asSelector(asObj(s)).errors.length > 0) out.errors.push(invalid(p.index(i), s, 'invalid label selector.'));
    });
  }
};

/** ValidateRoleBindingSubject (subjects of RoleBindings are namespaced, of ClusterRoleBindings not). */
function validateSubject(subject: Json, namespaced: boolean, p: FieldPath, errs: FieldError[]): void {
  const name = str(subject.name);
  if (name === '') errs.push(required(p.child('name'), ''));
  const kind = subject.kind;
  switch (kind) {
    case 'ServiceAccount':
      if (name !== '') for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(p.child('name'), name, m));
      if (str(subject.apiGroup) !== '') errs.push(notSupported(p.child('apiGroup'), subject.apiGroup, ['']));
      if (!namespaced && str(subject.namespace) === '') errs.push(required(p.child('namespace'), ''));
      break;
    case 'User':
    case 'Group': {
      const group = str(subject.apiGroup) === '' ? RBAC_GROUP : subject.apiGroup;
      if (group !== RBAC_GROUP) errs.push(notSupported(p.child('apiGroup'), group, [RBAC_GROUP]));
      break;
    }
    default:
      errs.push(notSupported(p.child('kind'), kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
}

function validateBinding(obj: Json, namespaced: boolean, kinds: string[], errs: FieldError[]): void {
  const ref = asObj(obj.roleRef);
  const group = str(ref.apiGroup) === '' ? RBAC_GROUP : ref.apiGroup;
  if (group !== RBAC_GROUP) errs.push(notSupported(FieldPath.root('roleRef', 'apiGroup'), group, [RBAC_GROUP]));
  if (!kinds.includes(str(ref.kind))) errs.push(notSupported(FieldPath.root('roleRef', 'kind'), ref.kind ?? '', kinds));
  const name = str(ref.name);
  if (name === '') errs.push(required(FieldPath.root('roleRef', 'name'), ''));
  else for (const m of validatePathSegmentName(name, false)) errs.push(invalid(FieldPath.root('roleRef', 'name'), name, m));
  asList(obj.subjects).forEach((s, i) => {
    if (isObj(s)) validateSubject(s, namespaced, FieldPath.root('subjects').index(i), errs);
  });
}

const validateRoleBinding: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, validatePathSegmentName, out);
  validateBinding(obj, true, ['Role', 'ClusterRole'], out.errors);
};

const validateClusterRoleBinding: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, validatePathSegmentName, out);
  validateBinding(obj, false, ['ClusterRole'], out.errors);
};

export const rbacValidators: ValidatorTable = {
  'rbac/Role': validateRole,
  'rbac/ClusterRole': validateClusterRole,
  'rbac/RoleBinding': validateRoleBinding,
  'rbac/ClusterRoleBinding': validateClusterRoleBinding,
};
