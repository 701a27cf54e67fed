// flowcontrol.apiserver.k8s.io validation tables, ported from upstream
// pkg/apis/flowcontrol/validation/validation_test.go (TestFlowSchemaValidation,
// TestPriorityLevelConfigurationValidation, TestValidateNonResourceURLPath,
// TestValidateLimitedPriorityLevelConfiguration) with our own minimal objects.

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/flowcontrol/validation/validation_test.go';
const G = 'flowcontrol.apiserver.k8s.io/v1';
const userSubject = { kind: 'User', user: { name: 'alice' } };
const resourceRule = { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], namespaces: ['default'] };
const flowSchema = {
  apiVersion: G,
  kind: 'FlowSchema',
  metadata: { name: 'batch-jobs' },
  spec: { matchingPrecedence: 500, priorityLevelConfiguration: { name: 'workload-low' }, rules: [{ subjects: [userSubject], resourceRules: [resourceRule] }] },
};
const rule0 = 'spec.rules[0]';
const withRule = (r: Record<string, unknown>) => ({ spec: { rules: [{ subjects: [userSubject], resourceRules: [resourceRule], ...r }] } });
const withResourceRule = (r: Record<string, unknown>) => withRule({ resourceRules: [{ ...resourceRule, ...r }] });
const withNonResource = (r: Record<string, unknown>) => withRule({ resourceRules: [], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'], ...r }] });

runTable('FlowSchema', UPSTREAM, flowSchema, [
  { name: 'valid', patch: {} },
  { name: 'default matchingPrecedence', patch: { spec: { matchingPrecedence: null } } },
  { name: 'name not a DNS subdomain', patch: { metadata: { name: 'Batch_Jobs' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'matchingPrecedence 0', patch: { spec: { matchingPrecedence: 0 } }, errors: [['Invalid', 'spec.matchingPrecedence', 'must be a positive value']] },
  { name: 'negative matchingPrecedence', patch: { spec: { matchingPrecedence: -1 } }, errors: [['Invalid', 'spec.matchingPrecedence', 'must be a positive value']] },
  { name: 'matchingPrecedence 10000', patch: { spec: { matchingPrecedence: 10000 } } },
  { name: 'matchingPrecedence 10001', patch: { spec: { matchingPrecedence: 10001 } }, errors: [['Invalid', 'spec.matchingPrecedence', 'must not be greater than 10000']] },
  { name: 'matchingPrecedence 1 for another schema', patch: { spec: { matchingPrecedence: 1 } }, errors: [['Invalid', 'spec.matchingPrecedence', "only the schema named 'exempt' may have matchingPrecedence 1"]] },
  { name: 'matchingPrecedence 1 for exempt', patch: { metadata: { name: 'exempt' }, spec: { matchingPrecedence: 1 } } },
  { name: 'distinguisher ByUser', patch: { spec: { distinguisherMethod: { type: 'ByUser' } } } },
  { name: 'distinguisher ByNamespace', patch: { spec: { distinguisherMethod: { type: 'ByNamespace' } } } },
  { name: 'unknown distinguisher', patch: { spec: { distinguisherMethod: { type: 'ByGroup' } } }, errors: [['NotSupported', 'spec.distinguisherMethod.type', 'supported values: "ByNamespace", "ByUser"']] },
  { name: 'missing priority level', patch: { spec: { priorityLevelConfiguration: { name: '' } } }, errors: [['Required', 'spec.priorityLevelConfiguration.name', 'must reference a priority level']] },
  { name: 'priority level name not a subdomain', patch: { spec: { priorityLevelConfiguration: { name: 'Low_Priority' } } }, errors: [['Invalid', 'spec.priorityLevelConfiguration.name']] },
  { name: 'no rules', patch: { spec: { rules: [] } } },
  { name: 'rule without subjects', patch: withRule({ subjects: [] }), errors: [['Required', `${rule0}.subjects`, 'subjects must contain at least one value']] },
  { name: 'rule without resource or non-resource rules', patch: withRule({ resourceRules: [] }), errors: [['Required', rule0, 'at least one of resourceRules and nonResourceRules has to be non-empty']] },
  { name: 'ServiceAccount subject', patch: withRule({ subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: 'builder', namespace: 'ci' } }] }) },
  { name: 'all ServiceAccounts of a namespace', patch: withRule({ subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: '*', namespace: 'ci' } }] }) },
  { name: 'ServiceAccount subject without serviceAccount', patch: withRule({ subjects: [{ kind: 'ServiceAccount' }] }), errors: [['Required', `${rule0}.subjects[0].serviceAccount`, "serviceAccount is required when subject kind is 'ServiceAccount'"]] },
  { name: 'ServiceAccount without name', patch: withRule({ subjects: [{ kind: 'ServiceAccount', serviceAccount: { namespace: 'ci' } }] }), errors: [['Required', `${rule0}.subjects[0].serviceAccount.name`]] },
  { name: 'ServiceAccount with a bad name', patch: withRule({ subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: 'Builder_1', namespace: 'ci' } }] }), errors: [['Invalid', `${rule0}.subjects[0].serviceAccount.name`]] },
  { name: 'ServiceAccount without namespace', patch: withRule({ subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: 'builder' } }] }), errors: [['Required', `${rule0}.subjects[0].serviceAccount.namespace`, 'must specify namespace for service account']] },
  { name: 'ServiceAccount with a bad namespace', patch: withRule({ subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: 'b', namespace: 'ci.prod' } }] }), errors: [['Invalid', `${rule0}.subjects[0].serviceAccount.namespace`]] },
  { name: 'ServiceAccount subject with a user too', patch: withRule({ subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: 'b', namespace: 'ci' }, user: { name: 'alice' } }] }), errors: [['Forbidden', `${rule0}.subjects[0].user`, "user is forbidden when subject kind is not 'User'"]] },
  { name: 'User subject without user', patch: withRule({ subjects: [{ kind: 'User' }] }), errors: [['Required', `${rule0}.subjects[0].user`, "user is required when subject kind is 'User'"]] },
  { name: 'User without name', patch: withRule({ subjects: [{ kind: 'User', user: {} }] }), errors: [['Required', `${rule0}.subjects[0].user.name`]] },
  { name: 'User subject with a group too', patch: withRule({ subjects: [{ kind: 'User', user: { name: 'a' }, group: { name: 'g' } }] }), errors: [['Forbidden', `${rule0}.subjects[0].group`, "group is forbidden when subject kind is not 'Group'"]] },
  { name: 'Group subject', patch: withRule({ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }] }) },
  { name: 'Group subject without group', patch: withRule({ subjects: [{ kind: 'Group' }] }), errors: [['Required', `${rule0}.subjects[0].group`, "group is required when subject kind is 'Group'"]] },
  { name: 'Group subject with a serviceAccount too', patch: withRule({ subjects: [{ kind: 'Group', group: { name: 'g' }, serviceAccount: { name: 'b', namespace: 'n' } }] }), errors: [['Forbidden', `${rule0}.subjects[0].serviceAccount`]] },
  { name: 'unknown subject kind', patch: withRule({ subjects: [{ kind: 'Robot' }] }), errors: [['NotSupported', `${rule0}.subjects[0].kind`, 'supported values: "Group", "ServiceAccount", "User"']] },
  { name: 'resource rule without verbs', patch: withResourceRule({ verbs: [] }), errors: [['Required', `${rule0}.resourceRules[0].verbs`, 'verbs must contain at least one value']] },
  { name: 'wildcard verb with others', patch: withResourceRule({ verbs: ['*', 'get'] }), errors: [['Invalid', `${rule0}.resourceRules[0].verbs`, "if '*' is present, must not specify other verbs"]] },
  { name: 'unknown verb', patch: withResourceRule({ verbs: ['get', 'escalate'] }), errors: [['NotSupported', `${rule0}.resourceRules[0].verbs`]] },
  { name: 'every known verb', patch: withResourceRule({ verbs: ['get', 'list', 'create', 'update', 'delete', 'deletecollection', 'patch', 'watch', 'proxy'] }) },
  { name: 'resource rule without apiGroups', patch: withResourceRule({ apiGroups: [] }), errors: [['Required', `${rule0}.resourceRules[0].apiGroups`, 'resource rules must supply at least one api group']] },
  { name: 'wildcard apiGroup with others', patch: withResourceRule({ apiGroups: ['*', 'apps'] }), errors: [['Invalid', `${rule0}.resourceRules[0].apiGroups`]] },
  { name: 'resource rule without resources', patch: withResourceRule({ resources: [] }), errors: [['Required', `${rule0}.resourceRules[0].resources`, 'resource rules must supply at least one resource']] },
  { name: 'wildcard resource with others', patch: withResourceRule({ resources: ['*', 'pods'] }), errors: [['Invalid', `${rule0}.resourceRules[0].resources`]] },
  { name: 'resource rule without namespaces', patch: withResourceRule({ namespaces: [] }), errors: [['Required', `${rule0}.resourceRules[0].namespaces`, 'resource rules that are not cluster scoped must supply at least one namespace']] },
  { name: 'cluster-scoped resource rule without namespaces', patch: withResourceRule({ namespaces: [], clusterScope: true }) },
  { name: 'wildcard namespace', patch: withResourceRule({ namespaces: ['*'] }) },
  { name: 'wildcard namespace with others', patch: withResourceRule({ namespaces: ['*', 'default'] }), errors: [['Invalid', `${rule0}.resourceRules[0].namespaces`, "if '*' is present, must not specify other namespaces"]] },
  { name: 'namespace not a DNS label', patch: withResourceRule({ namespaces: ['default', 'Kube_System'] }), errors: [['Invalid', `${rule0}.resourceRules[0].namespaces[1]`]] },
  { name: 'non-resource rule', patch: withNonResource({}) },
  { name: 'non-resource rule without URLs', patch: withNonResource({ nonResourceURLs: [] }), errors: [['Required', `${rule0}.nonResourceRules[0].nonResourceURLs`, 'nonResourceURLs must contain at least one value']] },
  { name: 'wildcard URL with others', patch: withNonResource({ nonResourceURLs: ['*', '/healthz'] }), errors: [['Invalid', `${rule0}.nonResourceRules[0].nonResourceURLs`, "if '*' is present, must not specify other non-resource URLs"]] },
  { name: 'root URL', patch: withNonResource({ nonResourceURLs: ['/'] }) },
  { name: 'suffix wildcard URL', patch: withNonResource({ nonResourceURLs: ['/apis/*'] }) },
  { name: 'empty URL', patch: withNonResource({ nonResourceURLs: [''] }), errors: [['Invalid', `${rule0}.nonResourceRules[0].nonResourceURLs[0]`, 'must not be empty']] },
  { name: 'URL without leading slash', patch: withNonResource({ nonResourceURLs: ['healthz'] }), errors: [['Invalid', `${rule0}.nonResourceRules[0].nonResourceURLs[0]`, 'must start with slash']] },
  { name: 'URL with white-space', patch: withNonResource({ nonResourceURLs: ['/health z'] }), errors: [['Invalid', `${rule0}.nonResourceRules[0].nonResourceURLs[0]`, 'must not contain white-space']] },
  { name: 'URL with double slash', patch: withNonResource({ nonResourceURLs: ['/a//b'] }), errors: [['Invalid', `${rule0}.nonResourceRules[0].nonResourceURLs[0]`, 'must not contain double slash']] },
  { name: 'URL with a middle wildcard', patch: withNonResource({ nonResourceURLs: ['/a/*/b'] }), errors: [['Invalid', `${rule0}.nonResourceRules[0].nonResourceURLs[0]`, 'wildcard can only do suffix matching']] },
  { name: 'URL with a partial wildcard', patch: withNonResource({ nonResourceURLs: ['/api*'] }), errors: [['Invalid', `${rule0}.nonResourceRules[0].nonResourceURLs[0]`, 'wildcard can only do suffix matching']] },
  { name: 'non-resource rule without verbs', patch: withNonResource({ verbs: [] }), errors: [['Required', `${rule0}.nonResourceRules[0].verbs`]] },
  { name: 'duplicate status condition', patch: { status: { conditions: [{ type: 'Dangling' }, { type: 'Dangling' }] } }, errors: [['Duplicate', 'status.conditions[1].type']] },
  { name: 'status condition without type', patch: { status: { conditions: [{ status: 'True' }] } }, errors: [['Required', 'status.conditions[0].type', 'must not be empty']] },
]);

const plc = {
  apiVersion: G,
  kind: 'PriorityLevelConfiguration',
  metadata: { name: 'workload-low' },
  spec: { type: 'Limited', limited: { nominalConcurrencyShares: 100, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } },
};
const L = 'spec.limited';
const withQueuing = (q: Record<string, unknown>) => ({ spec: { limited: { limitResponse: { type: 'Queue', queuing: q } } } });

runTable('PriorityLevelConfiguration', UPSTREAM, plc, [
  { name: 'valid', patch: {} },
  { name: 'name not a DNS subdomain', patch: { metadata: { name: 'Workload_Low' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'exempt', obj: { apiVersion: G, kind: 'PriorityLevelConfiguration', metadata: { name: 'exempt' }, spec: { type: 'Exempt' } } },
  { name: 'exempt with shares and lendablePercent', obj: { apiVersion: G, kind: 'PriorityLevelConfiguration', metadata: { name: 'exempt' }, spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: 10, lendablePercent: 50 } } } },
  { name: 'exempt with negative shares', obj: { apiVersion: G, kind: 'PriorityLevelConfiguration', metadata: { name: 'exempt' }, spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: -1 } } }, errors: [['Invalid', 'spec.exempt.nominalConcurrencyShares', 'must be a non-negative integer']] },
  { name: 'exempt with lendablePercent 101', obj: { apiVersion: G, kind: 'PriorityLevelConfiguration', metadata: { name: 'exempt' }, spec: { type: 'Exempt', exempt: { lendablePercent: 101 } } }, errors: [['Invalid', 'spec.exempt.lendablePercent', 'must be between 0 and 100, inclusive']] },
  { name: 'Exempt type for another name', patch: { spec: { type: 'Exempt', limited: null } }, errors: [['Invalid', 'spec.type', "type must be 'Exempt' if and only if name is 'exempt'"]] },
  { name: 'Limited type for exempt', patch: { metadata: { name: 'exempt' } }, errors: [['Invalid', 'spec.type']] },
  { name: 'Exempt with limited', obj: { apiVersion: G, kind: 'PriorityLevelConfiguration', metadata: { name: 'exempt' }, spec: { type: 'Exempt', limited: { limitResponse: { type: 'Reject' } } } }, errors: [['Forbidden', 'spec.limited', 'must be nil if the type is not Limited']] },
  { name: 'Limited with exempt', patch: { spec: { exempt: {} } }, errors: [['Forbidden', 'spec.exempt', 'must be nil if the type is Limited']] },
  { name: 'Limited without limited', patch: { spec: { limited: null } }, errors: [['Required', 'spec.limited', 'must not be empty when type is Limited']] },
  { name: 'unknown type', patch: { spec: { type: 'Unlimited' } }, errors: [['NotSupported', 'spec.type', 'supported values: "Exempt", "Limited"']] },
  { name: 'zero shares', patch: { spec: { limited: { nominalConcurrencyShares: 0 } } } },
  { name: 'default shares', patch: { spec: { limited: { nominalConcurrencyShares: null } } } },
  { name: 'negative shares', patch: { spec: { limited: { nominalConcurrencyShares: -1 } } }, errors: [['Invalid', `${L}.nominalConcurrencyShares`, 'must be a non-negative integer']] },
  { name: 'lendablePercent 100', patch: { spec: { limited: { lendablePercent: 100 } } } },
  { name: 'lendablePercent -1', patch: { spec: { limited: { lendablePercent: -1 } } }, errors: [['Invalid', `${L}.lendablePercent`, 'must be between 0 and 100, inclusive']] },
  { name: 'borrowingLimitPercent 200', patch: { spec: { limited: { borrowingLimitPercent: 200 } } } },
  { name: 'negative borrowingLimitPercent', patch: { spec: { limited: { borrowingLimitPercent: -1 } } }, errors: [['Invalid', `${L}.borrowingLimitPercent`, 'if specified, must be a non-negative integer']] },
  { name: 'Reject', patch: { spec: { limited: { limitResponse: { type: 'Reject', queuing: null } } } } },
  { name: 'Reject with queuing', patch: { spec: { limited: { limitResponse: { type: 'Reject' } } } }, errors: [['Forbidden', `${L}.limitResponse.queuing`, 'must be nil if limited.limitResponse.type is not Limited']] },
  { name: 'Queue without queuing', patch: { spec: { limited: { limitResponse: { type: 'Queue', queuing: null } } } }, errors: [['Required', `${L}.limitResponse.queuing`, 'must not be empty if limited.limitResponse.type is Limited']] },
  { name: 'unknown limitResponse type', patch: { spec: { limited: { limitResponse: { type: 'Drop', queuing: null } } } }, errors: [['NotSupported', `${L}.limitResponse.type`, 'supported values: "Queue", "Reject"']] },
  { name: 'queuing defaults', obj: { ...plc, spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } } } },
  { name: 'zero queueLengthLimit', patch: withQueuing({ queueLengthLimit: 0 }), errors: [['Invalid', `${L}.limitResponse.queuing.queueLengthLimit`, 'must be positive']] },
  { name: 'zero queues (and the hand no longer fits)', patch: withQueuing({ queues: 0 }), errors: [['Invalid', `${L}.limitResponse.queuing.queues`, 'must be positive'], ['Invalid', `${L}.limitResponse.queuing.handSize`, 'should not be greater than queues (0)']] },
  { name: 'too many queues (and too much entropy)', patch: withQueuing({ queues: 10000001, handSize: 1 }), errors: [['Invalid', `${L}.limitResponse.queuing.queues`, 'must not be greater than 10000000']] },
  { name: 'zero handSize', patch: withQueuing({ handSize: 0 }), errors: [['Invalid', `${L}.limitResponse.queuing.handSize`, 'must be positive']] },
  { name: 'handSize above queues', patch: withQueuing({ queues: 4, handSize: 5 }), errors: [['Invalid', `${L}.limitResponse.queuing.handSize`, 'should not be greater than queues (4)']] },
  { name: 'handSize equal to queues', patch: withQueuing({ queues: 4, handSize: 4 }) },
  { name: 'too much entropy', patch: withQueuing({ queues: 10000000, handSize: 3 }), errors: [['Invalid', `${L}.limitResponse.queuing.handSize`, 'required entropy bits of deckSize 10000000 and handSize 3 should not be greater than 60']] },
  { name: 'entropy within the limit', patch: withQueuing({ queues: 128, handSize: 8 }) },
]);
