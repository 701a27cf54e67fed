// API-server validation of the flowcontrol.apiserver.k8s.io API group (API
// Priority and Fairness): FlowSchema, PriorityLevelConfiguration (create, v1).
// Upstream: pkg/apis/flowcontrol/validation/validation.go (ValidateFlowSchema,
// ValidateFlowSchemaSpec, ValidateFlowSchemaPolicyRulesWithSubjects,
// ValidateFlowSchemaSubject, ValidateFlowSchemaResourcePolicyRule,
// ValidateFlowSchemaNonResourcePolicyRule, ValidateNonResourceURLPath,
// ValidatePriorityLevelConfigurationSpec, ValidateLimitedPriorityLevelConfiguration,
// ValidateExemptPriorityLevelConfiguration, ValidateLimitResponse,
// ValidatePriorityLevelQueuingConfiguration). v1 defaults (matchingPrecedence
// 1000, nominalConcurrencyShares 30, lendablePercent 0, queuing handSize 8,
// queues 64, queueLengthLimit 50) are applied on the fly. Not checked: that the
// mandatory objects (`exempt`, `catch-all`) equal their fixed specs.

import { duplicate, FieldPath, forbidden, invalid, notSupported, required, type FieldError } from './field';
import { validateMetaOf } from './groupHelpers';
import { validateNamespaceName } from './meta';
import { nameIsDNSSubdomain } from './names';
import { asList, asObj, isNum, isObj, isStr, type Json, type KindValidator, type ValidatorTable } from './types';

const SPEC = FieldPath.root('spec');
const str = (v: unknown): string => (isStr(v) ? v : '');
const strs = (v: unknown): string[] => asList(v).map((x) => (isStr(x) ? x : String(x)));
const num = (v: unknown, dflt: number): number => (isNum(v) ? v : dflt);

const MAX_MATCHING_PRECEDENCE = 10000;
const MAX_QUEUES = 10 * 1000 * 1000;
/** shufflesharding.MaxHashBits. */
const MAX_HASH_BITS = 60;
const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'proxy', 'update', 'watch'];
const NS_INTRO = "each member of this list must be '*' or a DNS-1123 label; ";

/** A verbs list: "*" alone, or known verbs (ResourcePolicyRule and NonResourcePolicyRule alike). */
function validateVerbs(verbs: string[], path: FieldPath): FieldError[] {
  if (verbs.length === 0) return [required(path, 'verbs must contain at least one value')];
  if (verbs.includes('*')) return verbs.length > 1 ? [invalid(path, verbs, "if '*' is present, must not specify other verbs")] : [];
  return verbs.every((v) => VERBS.includes(v)) ? [] : [notSupported(path, verbs, VERBS)];
}

/** ValidateNonResourceURLPath. */
function validateNonResourceURLPath(p: string, path: FieldPath): FieldError[] {
  if (p === '') return [invalid(path, p, 'must not be empty')];
  if (p === '/') return [];
  if (!p.startsWith('/')) return [invalid(path, p, 'must start with slash')];
  if (p.includes(' ')) return [invalid(path, p, 'must not contain white-space')];
  if (p.includes('//')) return [invalid(path, p, 'must not contain double slash')];
  const wildcards = p.split('*').length - 1;
  if (wildcards > 1 || (wildcards === 1 && !p.endsWith('/*'))) return [invalid(path, p, 'wildcard can only do suffix matching')];
  return [];
}

function validateResourceRule(rule: Json, path: FieldPath): FieldError[] {
  const errs = validateVerbs(strs(rule.verbs), path.child('verbs'));
  const groups = strs(rule.apiGroups);
  if (groups.length === 0) errs.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  else if (groups.length > 1 && groups.includes('*')) errs.push(invalid(path.child('apiGroups'), groups, "if '*' is present, must not specify other api groups"));
  const resources = strs(rule.resources);
  if (resources.length === 0) errs.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  else if (resources.length > 1 && resources.includes('*')) errs.push(invalid(path.child('resources'), resources, "if '*' is present, must not specify other resources"));
  const namespaces = strs(rule.namespaces);
  if (namespaces.length === 0 && rule.clusterScope !== true) {
    errs.push(required(path.child('namespaces'), 'resource rules that are not cluster scoped must supply at least one namespace'));
  } else if (namespaces.includes('*')) {
    if (namespaces.length > 1) errs.push(invalid(path.child('namespaces'), namespaces, "if '*' is present, must not specify other namespaces"));
  } else {
    namespaces.forEach((ns, i) => {
      for (const m of validateNamespaceName(ns, false)) errs.push(invalid(path.child('namespaces').index(i), ns, NS_INTRO + m));
    });
  }
  return errs;
}

function validateNonResourceRule(rule: Json, path: FieldPath): FieldError[] {
  const errs = validateVerbs(strs(rule.verbs), path.child('verbs'));
  const urls = strs(rule.nonResourceURLs);
  if (urls.length === 0) errs.push(required(path.child('nonResourceURLs'), 'nonResourceURLs must contain at least one value'));
  else if (urls.includes('*')) {
    if (urls.length > 1) errs.push(invalid(path.child('nonResourceURLs'), urls, "if '*' is present, must not specify other non-resource URLs"));
  } else urls.forEach((u, i) => errs.push(...validateNonResourceURLPath(u, path.child('nonResourceURLs').index(i))));
  return errs;
}

const SUBJECT_KINDS = ['Group', 'ServiceAccount', 'User'];
const OTHERS: Record<string, Array<[string, string]>> = {
  ServiceAccount: [['user', "user is forbidden when subject kind is not 'User'"], ['group', "group is forbidden when subject kind is not 'Group'"]],
  User: [['serviceAccount', "serviceAccount is forbidden when subject kind is not 'ServiceAccount'"], ['group', "group is forbidden when subject kind is not 'Group'"]],
  Group: [['serviceAccount', "serviceAccount is forbidden when subject kind is not 'ServiceAccount'"], ['user', "user is forbidden when subject kind is not 'User'"]],
};

/** ValidateFlowSchemaSubject. */
function validateSubject(subject: Json, path: FieldPath): FieldError[] {
  const kind = str(subject.kind);
  const errs: FieldError[] = [];
  switch (kind) {
    case 'ServiceAccount': {
      const sa = subject.serviceAccount;
      if (!isObj(sa)) errs.push(required(path.child('serviceAccount'), "serviceAccount is required when subject kind is 'ServiceAccount'"));
      else {
        const name = str(sa.name);
        if (name === '') errs.push(required(path.child('serviceAccount', 'name'), ''));
        else if (name !== '*') for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(path.child('serviceAccount', 'name'), name, m));
        const ns = str(sa.namespace);
        if (ns === '') errs.push(required(path.child('serviceAccount', 'namespace'), 'must specify namespace for service account'));
        else for (const m of validateNamespaceName(ns, false)) errs.push(invalid(path.child('serviceAccount', 'namespace'), ns, m));
      }
      break;
    }
    case 'User':
    case 'Group': {
      const field = kind === 'User' ? 'user' : 'group';
      const s = subject[field];
      if (!isObj(s)) errs.push(required(path.child(field), `${field} is required when subject kind is '${kind}'`));
      else if (str(s.name) === '') errs.push(required(path.child(field, 'name'), ''));
      break;
    }
    default:
      return [notSupported(path.child('kind'), kind, SUBJECT_KINDS)];
  }
  for (const [field, detail] of OTHERS[kind]) if (isObj(subject[field])) errs.push(forbidden(path.child(field), detail));
  return errs;
}

function validateConditions(status: unknown, errs: FieldError[]): void {
  const seen = new Set<string>();
  asList(asObj(status).conditions).forEach((c, i) => {
    const type = str(asObj(c).type);
    const p = FieldPath.root('status', 'conditions').index(i).child('type');
    if (seen.has(type)) errs.push(duplicate(p, type));
    seen.add(type);
    if (type === '') errs.push(required(p, 'must not be empty'));
  });
}

const validateFlowSchema: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const spec = asObj(obj.spec);
  const name = isObj(obj.metadata) ? str(obj.metadata.name) : '';
  const precedence = num(spec.matchingPrecedence, 1000);
  const pp = SPEC.child('matchingPrecedence');
  if (precedence <= 0) errs.push(invalid(pp, precedence, 'must be a positive value'));
  if (precedence > MAX_MATCHING_PRECEDENCE) errs.push(invalid(pp, precedence, `must not be greater than ${MAX_MATCHING_PRECEDENCE}`));
  if (precedence === 1 && name !== 'exempt') errs.push(invalid(pp, precedence, "only the schema named 'exempt' may have matchingPrecedence 1"));
  if (isObj(spec.distinguisherMethod)) {
    const type = spec.distinguisherMethod.type;
    if (type !== 'ByNamespace' && type !== 'ByUser') errs.push(notSupported(SPEC.child('distinguisherMethod', 'type'), spec.distinguisherMethod, ['ByNamespace', 'ByUser']));
  }
  const plName = str(asObj(spec.priorityLevelConfiguration).name);
  const plPath = SPEC.child('priorityLevelConfiguration', 'name');
  if (plName === '') errs.push(required(plPath, 'must reference a priority level'));
  else for (const m of nameIsDNSSubdomain(plName, false)) errs.push(invalid(plPath, plName, m));
  asList(spec.rules).forEach((r, i) => {
    const rule = asObj(r);
    const p = SPEC.child('rules').index(i);
    const subjects = asList(rule.subjects);
    if (subjects.length === 0) errs.push(required(p.child('subjects'), 'subjects must contain at least one value'));
    subjects.forEach((s, j) => errs.push(...validateSubject(asObj(s), p.child('subjects').index(j))));
    const resourceRules = asList(rule.resourceRules);
    const nonResourceRules = asList(rule.nonResourceRules);
    if (resourceRules.length === 0 && nonResourceRules.length === 0) errs.push(required(p, 'at least one of resourceRules and nonResourceRules has to be non-empty'));
    resourceRules.forEach((rr, j) => errs.push(...validateResourceRule(asObj(rr), p.child('resourceRules').index(j))));
    nonResourceRules.forEach((nr, j) => errs.push(...validateNonResourceRule(asObj(nr), p.child('nonResourceRules').index(j))));
  });
  validateConditions(obj.status, errs);
};

/** shufflesharding.RequiredEntropyBits: ceil(log2(deckSize^handSize)). */
function requiredEntropyBits(deckSize: number, handSize: number): number {
  return Math.ceil(Math.log2(deckSize) * handSize);
}

function validateQueuing(q: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const limit = num(q.queueLengthLimit, 50);
  const queues = num(q.queues, 64);
  const handSize = num(q.handSize, 8);
  if (limit <= 0) errs.push(invalid(path.child('queueLengthLimit'), limit, 'must be positive'));
  if (queues <= 0) errs.push(invalid(path.child('queues'), queues, 'must be positive'));
  else if (queues > MAX_QUEUES) errs.push(invalid(path.child('queues'), queues, `must not be greater than ${MAX_QUEUES}`));
  if (handSize <= 0) errs.push(invalid(path.child('handSize'), handSize, 'must be positive'));
  else if (handSize > queues) errs.push(invalid(path.child('handSize'), handSize, `should not be greater than queues (${queues})`));
  else if (requiredEntropyBits(queues, handSize) > MAX_HASH_BITS) {
    errs.push(invalid(path.child('handSize'), handSize, `required entropy bits of deckSize ${queues} and handSize ${handSize} should not be greater than ${MAX_HASH_BITS}`));
  }
  return errs;
}

function validateLimitResponse(lr: Json, path: FieldPath): FieldError[] {
  switch (lr.type) {
    case 'Reject':
      return isObj(lr.queuing) ? [forbidden(path.child('queuing'), 'must be nil if limited.limitResponse.type is not Limited')] : [];
    case 'Queue':
      if (!isObj(lr.queuing)) return [required(path.child('queuing'), 'must not be empty if limited.limitResponse.type is Limited')];
      return validateQueuing(lr.queuing, path.child('queuing'));
    default:
      return [notSupported(path.child('type'), lr.type ?? '', ['Queue', 'Reject'])];
  }
}

function validateLendablePercent(v: unknown, path: FieldPath): FieldError[] {
  return isNum(v) && (v < 0 || v > 100) ? [invalid(path, v, 'must be between 0 and 100, inclusive')] : [];
}

const validatePriorityLevelConfiguration: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const spec = asObj(obj.spec);
  const name = isObj(obj.metadata) ? str(obj.metadata.name) : '';
  const type = spec.type;
  if ((name === 'exempt') !== (type === 'Exempt')) errs.push(invalid(SPEC.child('type'), type ?? '', "type must be 'Exempt' if and only if name is 'exempt'"));
  switch (type) {
    case 'Exempt': {
      if (isObj(spec.limited)) errs.push(forbidden(SPEC.child('limited'), 'must be nil if the type is not Limited'));
      const exempt = asObj(spec.exempt);
      if (isNum(exempt.nominalConcurrencyShares) && exempt.nominalConcurrencyShares < 0) {
        errs.push(invalid(SPEC.child('exempt', 'nominalConcurrencyShares'), exempt.nominalConcurrencyShares, 'must be a non-negative integer'));
      }
      errs.push(...validateLendablePercent(exempt.lendablePercent, SPEC.child('exempt', 'lendablePercent')));
      break;
    }
    case 'Limited': {
      if (isObj(spec.exempt)) errs.push(forbidden(SPEC.child('exempt'), 'must be nil if the type is Limited'));
      if (!isObj(spec.limited)) {
        errs.push(required(SPEC.child('limited'), 'must not be empty when type is Limited'));
        break;
      }
      const limited = spec.limited;
      const lp = SPEC.child('limited');
      const shares = num(limited.nominalConcurrencyShares, 30);
      if (shares < 0) errs.push(invalid(lp.child('nominalConcurrencyShares'), shares, 'must be a non-negative integer'));
      errs.push(...validateLimitResponse(asObj(limited.limitResponse), lp.child('limitResponse')));
      errs.push(...validateLendablePercent(limited.lendablePercent, lp.child('lendablePercent')));
      if (isNum(limited.borrowingLimitPercent) && limited.borrowingLimitPercent < 0) {
        errs.push(invalid(lp.child('borrowingLimitPercent'), limited.borrowingLimitPercent, 'if specified, must be a non-negative integer'));
      }
      break;
    }
    default:
      errs.push(notSupported(SPEC.child('type'), type ?? '', ['Exempt', 'Limited']));
  }
  validateConditions(obj.status, errs);
};

export const flowcontrolValidators: ValidatorTable = {
  'flowcontrol.apiserver/FlowSchema': validateFlowSchema,
  'flowcontrol.apiserver/PriorityLevelConfiguration': validatePriorityLevelConfiguration,
};
