// ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding tables, ported from
// upstream pkg/apis/admissionregistration/validation/validation_test.go
// (TestValidateValidatingAdmissionPolicy, TestValidateValidatingAdmissionPolicyBinding)
// with our own minimal objects. Cases whose upstream error comes from compiling
// CEL are not ported: Drydock does not compile CEL (docs/validation.md).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/admissionregistration/validation/validation_test.go';
const G = 'admissionregistration.k8s.io/v1';
const resourceRule = { operations: ['CREATE', 'UPDATE'], apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments'] };
const policy = {
  apiVersion: G,
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name: 'replica-limit' },
  spec: { matchConstraints: { resourceRules: [resourceRule] }, validations: [{ expression: 'object.spec.replicas <= 5' }] },
};
const S = 'spec';

runTable('ValidatingAdmissionPolicy', UPSTREAM, policy, [
  { name: 'valid', patch: {} },
  { name: 'failurePolicy Ignore', patch: { spec: { failurePolicy: 'Ignore' } } },
  { name: 'unknown failurePolicy', patch: { spec: { failurePolicy: 'Other' } }, errors: [['NotSupported', `${S}.failurePolicy`, 'supported values: "Fail", "Ignore"']] },
  { name: 'missing matchConstraints', patch: { spec: { matchConstraints: null } }, errors: [['Required', `${S}.matchConstraints`]] },
  { name: 'matchConstraints without resourceRules', patch: { spec: { matchConstraints: { resourceRules: [] } } }, errors: [['Required', `${S}.matchConstraints.resourceRules`]] },
  { name: 'resource rule without operations', patch: { spec: { matchConstraints: { resourceRules: [{ ...resourceRule, operations: [] }] } } }, errors: [['Required', `${S}.matchConstraints.resourceRules[0].operations`]] },
  { name: 'resourceNames', patch: { spec: { matchConstraints: { resourceRules: [{ ...resourceRule, resourceNames: ['web'] }] } } } },
  { name: 'resourceName with a slash', patch: { spec: { matchConstraints: { resourceRules: [{ ...resourceRule, resourceNames: ['a/b'] }] } } }, errors: [['Invalid', `${S}.matchConstraints.resourceRules[0].resourceNames[0]`, "may not contain '/'"]] },
  { name: 'excludeResourceRules checked too', patch: { spec: { matchConstraints: { excludeResourceRules: [{ ...resourceRule, apiGroups: [] }] } } }, errors: [['Required', `${S}.matchConstraints.excludeResourceRules[0].apiGroups`]] },
  { name: 'unknown matchPolicy', patch: { spec: { matchConstraints: { matchPolicy: 'Loose' } } }, errors: [['NotSupported', `${S}.matchConstraints.matchPolicy`]] },
  { name: 'invalid namespaceSelector', patch: { spec: { matchConstraints: { namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'Has' }] } } } }, errors: [['Invalid', `${S}.matchConstraints.namespaceSelector.matchExpressions[0].operator`]] },
  { name: 'no validations nor auditAnnotations', patch: { spec: { validations: [] } }, errors: [['Required', `${S}.validations`, 'validations or auditAnnotations must contain at least one item'], ['Required', `${S}.auditAnnotations`]] },
  { name: 'auditAnnotations only', patch: { spec: { validations: [], auditAnnotations: [{ key: 'replicas', valueExpression: 'string(object.spec.replicas)' }] } } },
  { name: 'validation without expression', patch: { spec: { validations: [{ expression: '  ' }] } }, errors: [['Required', `${S}.validations[0].expression`, 'expression is not specified']] },
  { name: 'message with a line break', patch: { spec: { validations: [{ expression: 'true', message: 'too\nmany' }] } }, errors: [['Invalid', `${S}.validations[0].message`, 'message must not contain line breaks']] },
  { name: 'blank message', patch: { spec: { validations: [{ expression: 'true', message: '   ' }] } }, errors: [['Invalid', `${S}.validations[0].message`, 'message must be non-empty if specified']] },
  { name: 'blank messageExpression', patch: { spec: { validations: [{ expression: 'true', messageExpression: ' ' }] } }, errors: [['Invalid', `${S}.validations[0].messageExpression`, 'must be non-empty if specified']] },
  { name: 'reason Forbidden', patch: { spec: { validations: [{ expression: 'true', reason: 'Forbidden' }] } } },
  { name: 'unknown reason', patch: { spec: { validations: [{ expression: 'true', reason: 'BadRequest' }] } }, errors: [['NotSupported', `${S}.validations[0].reason`, 'supported values: "Forbidden", "Invalid", "RequestEntityTooLarge", "Unauthorized"']] },
  { name: 'auditAnnotation key not qualified', patch: { spec: { auditAnnotations: [{ key: 'bad key', valueExpression: "'x'" }] } }, errors: [['Invalid', `${S}.auditAnnotations[0].key`]] },
  { name: 'auditAnnotation without valueExpression', patch: { spec: { auditAnnotations: [{ key: 'k' }] } }, errors: [['Required', `${S}.auditAnnotations[0].valueExpression`, 'valueExpression is not specified']] },
  { name: 'duplicate auditAnnotation keys', patch: { spec: { auditAnnotations: [{ key: 'k', valueExpression: "'a'" }, { key: 'k', valueExpression: "'b'" }] } }, errors: [['Duplicate', `${S}.auditAnnotations[1].key`]] },
  { name: 'too many auditAnnotations', patch: { spec: { auditAnnotations: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, valueExpression: "'v'" })) } }, errors: [['Invalid', `${S}.auditAnnotations`, 'must not have more than 20 auditAnnotations']] },
  { name: 'valueExpression too long', patch: { spec: { auditAnnotations: [{ key: 'k', valueExpression: `'${'x'.repeat(5200)}'` }] } }, errors: [['Invalid', `${S}.auditAnnotations[0].valueExpression`, 'must not exceed 5120 bytes']] },
  { name: 'paramKind', patch: { spec: { paramKind: { apiVersion: 'example.com/v1', kind: 'ReplicaLimit' } } } },
  { name: 'paramKind core ConfigMap', patch: { spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' } } } },
  { name: 'paramKind without apiVersion', patch: { spec: { paramKind: { kind: 'ReplicaLimit' } } }, errors: [['Required', `${S}.paramKind.apiVersion`]] },
  { name: 'paramKind without kind', patch: { spec: { paramKind: { apiVersion: 'v1' } } }, errors: [['Required', `${S}.paramKind.kind`]] },
  { name: 'paramKind apiVersion with two slashes', patch: { spec: { paramKind: { apiVersion: 'a/b/c', kind: 'K' } } }, errors: [['Invalid', `${S}.paramKind.apiVersion`]] },
  { name: 'paramKind group not a subdomain', patch: { spec: { paramKind: { apiVersion: 'Example_com/v1', kind: 'K' } } }, errors: [['Invalid', `${S}.paramKind.apiVersion`]] },
  { name: 'paramKind without version', patch: { spec: { paramKind: { apiVersion: 'example.com/', kind: 'K' } } }, errors: [['Invalid', `${S}.paramKind.apiVersion`, 'version must be specified']] },
  { name: 'paramKind kind with a dot', patch: { spec: { paramKind: { apiVersion: 'v1', kind: 'Replica.Limit' } } }, errors: [['Invalid', `${S}.paramKind.kind`]] },
  { name: 'variable', patch: { spec: { variables: [{ name: 'replicas', expression: 'object.spec.replicas' }] } } },
  { name: 'variable without name', patch: { spec: { variables: [{ expression: 'true' }] } }, errors: [['Required', `${S}.variables[0].name`, 'name is not specified']] },
  { name: 'variable name not a CEL identifier', patch: { spec: { variables: [{ name: 'my-var', expression: 'true' }] } }, errors: [['Invalid', `${S}.variables[0].name`, 'name is not a valid CEL identifier']] },
  { name: 'variable without expression', patch: { spec: { variables: [{ name: 'v' }] } }, errors: [['Required', `${S}.variables[0].expression`]] },
  { name: 'matchCondition without expression', patch: { spec: { matchConditions: [{ name: 'c' }] } }, errors: [['Required', `${S}.matchConditions[0].expression`]] },
]);

const binding = { apiVersion: G, kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replica-limit-prod' }, spec: { policyName: 'replica-limit', validationActions: ['Deny'] } };

runTable('ValidatingAdmissionPolicyBinding', UPSTREAM, binding, [
  { name: 'valid', patch: {} },
  { name: 'missing policyName', patch: { spec: { policyName: null } }, errors: [['Required', `${S}.policyName`]] },
  { name: 'policyName not a subdomain', patch: { spec: { policyName: 'Replica_Limit' } }, errors: [['Invalid', `${S}.policyName`]] },
  { name: 'no validationActions', patch: { spec: { validationActions: [] } }, errors: [['Required', `${S}.validationActions`, 'at least one validation action is required']] },
  { name: 'Warn and Audit', patch: { spec: { validationActions: ['Warn', 'Audit'] } } },
  { name: 'unknown validationAction', patch: { spec: { validationActions: ['Block'] } }, errors: [['NotSupported', `${S}.validationActions[0]`, 'supported values: "Audit", "Deny", "Warn"']] },
  { name: 'duplicate validationAction', patch: { spec: { validationActions: ['Deny', 'Deny'] } }, errors: [['Duplicate', `${S}.validationActions[1]`]] },
  { name: 'Deny and Warn', patch: { spec: { validationActions: ['Deny', 'Warn'] } }, errors: [['Invalid', `${S}.validationActions`]] },
  { name: 'paramRef by name', patch: { spec: { paramRef: { name: 'limits', namespace: 'default', parameterNotFoundAction: 'Deny' } } } },
  { name: 'paramRef by selector', patch: { spec: { paramRef: { selector: { matchLabels: { env: 'prod' } }, parameterNotFoundAction: 'Allow' } } } },
  { name: 'paramRef with name and selector', patch: { spec: { paramRef: { name: 'limits', selector: {}, parameterNotFoundAction: 'Deny' } } }, errors: [['Forbidden', `${S}.paramRef.name`, 'name and selector are mutually exclusive'], ['Forbidden', `${S}.paramRef.selector`]] },
  { name: 'paramRef with neither', patch: { spec: { paramRef: { parameterNotFoundAction: 'Deny' } } }, errors: [['Required', `${S}.paramRef`, 'one of name or selector must be specified']] },
  { name: 'paramRef without parameterNotFoundAction', patch: { spec: { paramRef: { name: 'limits' } } }, errors: [['Required', `${S}.paramRef.parameterNotFoundAction`]] },
  { name: 'unknown parameterNotFoundAction', patch: { spec: { paramRef: { name: 'limits', parameterNotFoundAction: 'Ignore' } } }, errors: [['NotSupported', `${S}.paramRef.parameterNotFoundAction`, 'supported values: "Deny", "Allow"']] },
  { name: 'paramRef name with a slash', patch: { spec: { paramRef: { name: 'a/b', parameterNotFoundAction: 'Deny' } } }, errors: [['Invalid', `${S}.paramRef.name`]] },
  { name: 'matchResources rule error, at the upstream path', patch: { spec: { matchResources: { resourceRules: [{ ...resourceRule, apiVersions: [] }] } } }, errors: [['Required', `${S}.matchResouces.resourceRules[0].apiVersions`]] },
]);
