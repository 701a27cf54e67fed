// admissionregistration.k8s.io webhook configuration tables, ported from upstream
// pkg/apis/admissionregistration/validation/validation_test.go
// (TestValidateValidatingWebhookConfiguration, TestValidateMutatingWebhookConfiguration:
// names, rules, resources, scope, failurePolicy, matchPolicy, sideEffects,
// timeoutSeconds, admissionReviewVersions, clientConfig url/service, selectors,
// reinvocationPolicy, matchConditions without CEL compilation) with our own
// minimal objects.

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/admissionregistration/validation/validation_test.go';
const G = 'admissionregistration.k8s.io/v1';
const rule = { operations: ['CREATE'], apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments'] };
const hook = {
  name: 'check.example.com',
  rules: [rule],
  sideEffects: 'None',
  admissionReviewVersions: ['v1'],
  clientConfig: { service: { name: 'webhook', namespace: 'system', path: '/validate' } },
};
const vwc = { apiVersion: G, kind: 'ValidatingWebhookConfiguration', metadata: { name: 'checks' }, webhooks: [hook] };
const withHook = (extra: Record<string, unknown>) => ({ webhooks: [{ ...hook, ...extra }] });
const withRule = (extra: Record<string, unknown>) => withHook({ rules: [{ ...rule, ...extra }] });
const W = 'webhooks[0]';

runTable('ValidatingWebhookConfiguration', UPSTREAM, vwc, [
  { name: 'valid', patch: {} },
  { name: 'no webhooks', patch: { webhooks: [] } },
  { name: 'name not a DNS subdomain', patch: { metadata: { name: 'Checks_1' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'webhook without name', patch: withHook({ name: '' }), errors: [['Required', `${W}.name`]] },
  { name: 'webhook name with two segments', patch: withHook({ name: 'example.com' }), errors: [['Invalid', `${W}.name`, 'should be a domain with at least three segments separated by dots']] },
  { name: 'webhook name not a subdomain', patch: withHook({ name: 'Check.Example.com' }), errors: [['Invalid', `${W}.name`]] },
  { name: 'duplicate webhook names', patch: { webhooks: [hook, hook] }, errors: [['Duplicate', 'webhooks[1].name']] },
  { name: 'two webhooks with distinct names', patch: { webhooks: [hook, { ...hook, name: 'other.example.com' }] } },
  { name: 'rule without operations', patch: withRule({ operations: [] }), errors: [['Required', `${W}.rules[0].operations`]] },
  { name: 'wildcard operation with others', patch: withRule({ operations: ['*', 'CREATE'] }), errors: [['Invalid', `${W}.rules[0].operations`, "if '*' is present, must not specify other operations"]] },
  { name: 'wildcard operation alone', patch: withRule({ operations: ['*'] }) },
  { name: 'every operation', patch: withRule({ operations: ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] }) },
  { name: 'unknown operation', patch: withRule({ operations: ['PATCH'] }), errors: [['NotSupported', `${W}.rules[0].operations[0]`, 'supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"']] },
  { name: 'lowercase operation', patch: withRule({ operations: ['create'] }), errors: [['NotSupported', `${W}.rules[0].operations[0]`]] },
  { name: 'rule without apiGroups', patch: withRule({ apiGroups: [] }), errors: [['Required', `${W}.rules[0].apiGroups`]] },
  { name: 'core apiGroup', patch: withRule({ apiGroups: [''], resources: ['pods'] }) },
  { name: 'wildcard apiGroup with others', patch: withRule({ apiGroups: ['*', 'apps'] }), errors: [['Invalid', `${W}.rules[0].apiGroups`, "if '*' is present, must not specify other API groups"]] },
  { name: 'rule without apiVersions', patch: withRule({ apiVersions: [] }), errors: [['Required', `${W}.rules[0].apiVersions`]] },
  { name: 'empty apiVersion', patch: withRule({ apiVersions: ['v1', ''] }), errors: [['Required', `${W}.rules[0].apiVersions[1]`]] },
  { name: 'wildcard apiVersion with others', patch: withRule({ apiVersions: ['*', 'v1'] }), errors: [['Invalid', `${W}.rules[0].apiVersions`, "if '*' is present, must not specify other API versions"]] },
  { name: 'rule without resources', patch: withRule({ resources: [] }), errors: [['Required', `${W}.rules[0].resources`]] },
  { name: 'empty resource', patch: withRule({ resources: [''] }), errors: [['Required', `${W}.rules[0].resources[0]`]] },
  { name: 'resource with subresource', patch: withRule({ resources: ['deployments/scale'] }) },
  { name: '*/* with others', patch: withRule({ resources: ['*/*', 'pods'] }), errors: [['Invalid', `${W}.rules[0].resources`, "if '*/*' is present, must not specify other resources"]] },
  { name: '* with a resource without subresource', patch: withRule({ resources: ['*', 'pods'] }), errors: [['Invalid', `${W}.rules[0].resources`, "if '*' is present, must not specify other resources without subresources"]] },
  { name: '* with subresources', patch: withRule({ resources: ['*', '*/status'] }) },
  { name: 'x/* then x/y', patch: withRule({ resources: ['pods/*', 'pods/status'] }), errors: [['Invalid', `${W}.rules[0].resources[1]`, "if 'pods/*' is present, must not specify pods/status"]] },
  { name: '*/y then x/y', patch: withRule({ resources: ['*/status', 'pods/status'] }), errors: [['Invalid', `${W}.rules[0].resources[1]`, "if '*/status' is present, must not specify pods/status"]] },
  { name: 'scope Namespaced', patch: withRule({ scope: 'Namespaced' }) },
  { name: 'scope Cluster', patch: withRule({ scope: 'Cluster' }) },
  { name: 'scope *', patch: withRule({ scope: '*' }) },
  { name: 'unknown scope', patch: withRule({ scope: 'Global' }), errors: [['NotSupported', `${W}.rules[0].scope`, 'supported values: "Cluster", "Namespaced", "*"']] },
  { name: 'failurePolicy Ignore', patch: withHook({ failurePolicy: 'Ignore' }) },
  { name: 'unknown failurePolicy', patch: withHook({ failurePolicy: 'Retry' }), errors: [['NotSupported', `${W}.failurePolicy`, 'supported values: "Fail", "Ignore"']] },
  { name: 'matchPolicy Exact', patch: withHook({ matchPolicy: 'Exact' }) },
  { name: 'unknown matchPolicy', patch: withHook({ matchPolicy: 'Fuzzy' }), errors: [['NotSupported', `${W}.matchPolicy`, 'supported values: "Equivalent", "Exact"']] },
  { name: 'missing sideEffects', patch: withHook({ sideEffects: null }), errors: [['Required', `${W}.sideEffects`, 'must specify one of None, NoneOnDryRun']] },
  { name: 'sideEffects NoneOnDryRun', patch: withHook({ sideEffects: 'NoneOnDryRun' }) },
  { name: 'sideEffects Unknown (v1beta1 only)', patch: withHook({ sideEffects: 'Unknown' }), errors: [['NotSupported', `${W}.sideEffects`, 'supported values: "None", "NoneOnDryRun"']] },
  { name: 'sideEffects Some', patch: withHook({ sideEffects: 'Some' }), errors: [['NotSupported', `${W}.sideEffects`]] },
  { name: 'timeoutSeconds 1', patch: withHook({ timeoutSeconds: 1 }) },
  { name: 'timeoutSeconds 30', patch: withHook({ timeoutSeconds: 30 }) },
  { name: 'timeoutSeconds 0', patch: withHook({ timeoutSeconds: 0 }), errors: [['Invalid', `${W}.timeoutSeconds`, 'the timeout value must be between 1 and 30 seconds']] },
  { name: 'timeoutSeconds 31', patch: withHook({ timeoutSeconds: 31 }), errors: [['Invalid', `${W}.timeoutSeconds`]] },
  { name: 'timeoutSeconds negative', patch: withHook({ timeoutSeconds: -1 }), errors: [['Invalid', `${W}.timeoutSeconds`]] },
  { name: 'missing admissionReviewVersions', patch: withHook({ admissionReviewVersions: [] }), errors: [['Required', `${W}.admissionReviewVersions`, 'must specify one of v1, v1beta1']] },
  { name: 'v1beta1 review version', patch: withHook({ admissionReviewVersions: ['v1beta1'] }) },
  { name: 'unknown review version only', patch: withHook({ admissionReviewVersions: ['v2'] }), errors: [['Invalid', `${W}.admissionReviewVersions`, 'must include at least one of v1, v1beta1']] },
  { name: 'unknown review version with v1', patch: withHook({ admissionReviewVersions: ['v2', 'v1'] }) },
  { name: 'duplicate review version', patch: withHook({ admissionReviewVersions: ['v1', 'v1'] }), errors: [['Invalid', `${W}.admissionReviewVersions[1]`, 'duplicate version']] },
  { name: 'empty review version', patch: withHook({ admissionReviewVersions: ['v1', ''] }), errors: [['Required', `${W}.admissionReviewVersions[1]`]] },
  { name: 'review version not a DNS-1035 label', patch: withHook({ admissionReviewVersions: ['v1', 'V1.0'] }), errors: [['Invalid', `${W}.admissionReviewVersions[1]`]] },
  { name: 'neither url nor service', patch: withHook({ clientConfig: {} }), errors: [['Required', `${W}.clientConfig`, 'exactly one of url or service is required']] },
  { name: 'both url and service', patch: withHook({ clientConfig: { url: 'https://example.com/v', service: { name: 'w', namespace: 'n' } } }), errors: [['Required', `${W}.clientConfig`]] },
  { name: 'https url', patch: withHook({ clientConfig: { url: 'https://webhook.example.com:8443/validate' } }) },
  { name: 'http url', patch: withHook({ clientConfig: { url: 'http://webhook.example.com/validate' } }), errors: [['Invalid', `${W}.clientConfig.url`, "'https' is the only allowed URL scheme; desired format: https://host[/path]"]] },
  { name: 'url without scheme', patch: withHook({ clientConfig: { url: 'webhook.example.com/validate' } }), errors: [['Invalid', `${W}.clientConfig.url`], ['Invalid', `${W}.clientConfig.url`, 'host must be specified; desired format: https://host[/path]']] },
  { name: 'url without host', patch: withHook({ clientConfig: { url: 'https:///validate' } }), errors: [['Invalid', `${W}.clientConfig.url`, 'host must be specified; desired format: https://host[/path]']] },
  { name: 'url with user info', patch: withHook({ clientConfig: { url: 'https://user:pw@example.com/v' } }), errors: [['Invalid', `${W}.clientConfig.url`, 'user information is not permitted in the URL']] },
  { name: 'url with a query', patch: withHook({ clientConfig: { url: 'https://example.com/v?debug=1' } }), errors: [['Invalid', `${W}.clientConfig.url`, 'query parameters are not permitted in the URL']] },
  { name: 'url with a fragment', patch: withHook({ clientConfig: { url: 'https://example.com/v#frag' } }), errors: [['Invalid', `${W}.clientConfig.url`, 'fragments are not permitted in the URL']] },
  { name: 'service without name', patch: withHook({ clientConfig: { service: { namespace: 'system' } } }), errors: [['Required', `${W}.clientConfig.service.name`, 'service name is required']] },
  { name: 'service without namespace', patch: withHook({ clientConfig: { service: { name: 'webhook' } } }), errors: [['Required', `${W}.clientConfig.service.namespace`, 'service namespace is required']] },
  { name: 'service port 0', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', port: 0 } } }), errors: [['Invalid', `${W}.clientConfig.service.port`]] },
  { name: 'service port 65536', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', port: 65536 } } }), errors: [['Invalid', `${W}.clientConfig.service.port`]] },
  { name: 'service port 8443', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', port: 8443 } } }) },
  { name: 'service path /', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', path: '/' } } }) },
  { name: 'service path //', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', path: '//' } } }), errors: [['Invalid', `${W}.clientConfig.service.path`, 'segment[0] may not be empty']] },
  { name: 'service path without leading slash', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', path: 'validate' } } }), errors: [['Invalid', `${W}.clientConfig.service.path`, "must start with a '/'"]] },
  { name: 'service path with an empty segment', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', path: '/a//b' } } }), errors: [['Invalid', `${W}.clientConfig.service.path`, 'segment[1] may not be empty']] },
  { name: 'service path with an uppercase segment', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', path: '/Validate' } } }), errors: [['Invalid', `${W}.clientConfig.service.path`]] },
  { name: 'service path with a trailing slash', patch: withHook({ clientConfig: { service: { name: 'w', namespace: 'n', path: '/validate/apps/' } } }) },
  { name: 'invalid namespaceSelector', patch: withHook({ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In' }] } }), errors: [['Required', `${W}.namespaceSelector.matchExpressions[0].values`]] },
  { name: 'invalid objectSelector', patch: withHook({ objectSelector: { matchLabels: { 'bad key': 'x' } } }), errors: [['Invalid', `${W}.objectSelector.matchLabels`]] },
  { name: 'valid selectors', patch: withHook({ namespaceSelector: { matchLabels: { env: 'prod' } }, objectSelector: { matchExpressions: [{ key: 'skip', operator: 'DoesNotExist' }] } }) },
  { name: 'matchCondition', patch: withHook({ matchConditions: [{ name: 'exclude-leases', expression: "request.resource.resource != 'leases'" }] }) },
  { name: 'matchCondition without name', patch: withHook({ matchConditions: [{ expression: 'true' }] }), errors: [['Required', `${W}.matchConditions[0].name`]] },
  { name: 'matchCondition with a bad name', patch: withHook({ matchConditions: [{ name: 'a b', expression: 'true' }] }), errors: [['Invalid', `${W}.matchConditions[0].name`]] },
  { name: 'matchCondition without expression', patch: withHook({ matchConditions: [{ name: 'c' }] }), errors: [['Required', `${W}.matchConditions[0].expression`]] },
  { name: 'duplicate matchCondition names', patch: withHook({ matchConditions: [{ name: 'c', expression: 'true' }, { name: 'c', expression: 'false' }] }), errors: [['Duplicate', `${W}.matchConditions[1].name`]] },
  { name: 'too many matchConditions', patch: withHook({ matchConditions: Array.from({ length: 65 }, (_, i) => ({ name: `c${i}`, expression: 'true' })) }), errors: [['TooMany', `${W}.matchConditions`]] },
]);

runTable('MutatingWebhookConfiguration', UPSTREAM, { ...vwc, kind: 'MutatingWebhookConfiguration' }, [
  { name: 'valid', patch: {} },
  { name: 'reinvocationPolicy IfNeeded', patch: withHook({ reinvocationPolicy: 'IfNeeded' }) },
  { name: 'reinvocationPolicy Never', patch: withHook({ reinvocationPolicy: 'Never' }) },
  { name: 'unknown reinvocationPolicy', patch: withHook({ reinvocationPolicy: 'Always' }), errors: [['NotSupported', `${W}.reinvocationPolicy`, 'supported values: "IfNeeded", "Never"']] },
  { name: 'missing sideEffects', patch: withHook({ sideEffects: null }), errors: [['Required', `${W}.sideEffects`]] },
  { name: 'http url', patch: withHook({ clientConfig: { url: 'http://example.com/mutate' } }), errors: [['Invalid', `${W}.clientConfig.url`]] },
  { name: 'duplicate webhook names', patch: { webhooks: [hook, hook] }, errors: [['Duplicate', 'webhooks[1].name']] },
  { name: 'rule errors', patch: withRule({ operations: [], resources: [] }), errors: [['Required', `${W}.rules[0].operations`], ['Required', `${W}.rules[0].resources`]] },
]);
