// ResourceQuota, LimitRange, ReplicationController and Node tables, ported from
// upstream pkg/apis/core/validation/validation_test.go (TestValidateResourceQuota,
// TestValidateLimitRange, TestValidateReplicationController, TestValidateNode,
// TestValidateNodeTaints) with our own minimal objects. Node taint errors sit under
// `metadata.taints` as upstream reports them.

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/core/validation/validation_test.go';

const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: '10', 'requests.cpu': '4', 'limits.memory': '8Gi' } } };
runTable('ResourceQuota', UPSTREAM, quota, [
  { name: 'valid', patch: {} },
  { name: 'object count quota', patch: { spec: { hard: { 'count/deployments.apps': '5' } } } },
  { name: 'non-standard resource', patch: { spec: { hard: { disks: '3' } } }, errors: [['Invalid', 'spec.hard[disks]', 'must be a standard resource type or fully qualified'], ['Invalid', 'spec.hard[disks]', 'must be a standard resource for quota']] },
  { name: 'negative quantity', patch: { spec: { hard: { 'requests.cpu': '-1' } } }, errors: [['Invalid', 'spec.hard[requests.cpu]', 'must be greater than or equal to 0']] },
  { name: 'fractional pods', patch: { spec: { hard: { pods: '1.5' } } }, errors: [['Invalid', 'spec.hard[pods]', 'must be an integer']] },
  { name: 'invalid resource name', patch: { spec: { hard: { 'a b': '1' } } }, errors: [['Invalid', 'spec.hard[a b]'], ['Invalid', 'spec.hard[a b]', 'must be a standard resource for quota']] },
  { name: 'unsupported scope', patch: { spec: { scopes: ['Everything'] } }, errors: [['Invalid', 'spec.scopes', 'unsupported scope']] },
  { name: 'conflicting scopes', patch: { spec: { scopes: ['Terminating', 'NotTerminating'] } }, errors: [['Invalid', 'spec.scopes', 'conflicting scopes']] },
  { name: 'scopeSelector In without values', patch: { spec: { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In' }] } } }, errors: [['Required', 'spec.scopeSelector.matchExpressions[0].values']] },
  { name: 'scopeSelector unknown operator', patch: { spec: { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Equals', values: ['high'] }] } } }, errors: [['Invalid', 'spec.scopeSelector.matchExpressions[0].operator', 'not a valid selector operator']] },
  { name: 'scopeSelector BestEffort with In', patch: { spec: { hard: { pods: '5' }, scopeSelector: { matchExpressions: [{ scopeName: 'BestEffort', operator: 'In', values: ['x'] }] } } }, errors: [['Invalid', 'spec.scopeSelector.matchExpressions[0].operator']] },
  { name: 'scopeSelector PriorityClass In', patch: { spec: { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } } } },
]);

const limitRange = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'default' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { cpu: '100m' } }] } };
runTable('LimitRange', UPSTREAM, limitRange, [
  { name: 'valid', patch: {} },
  { name: 'PVC limit without storage bounds', patch: { spec: { limits: [{ type: 'PersistentVolumeClaim', maxLimitRequestRatio: { storage: '2' } }] } }, errors: [['Required', 'spec.limits[0].limits', 'either minimum or maximum storage value is required, but neither was provided']] },
  { name: 'valid Pod and PVC limits', patch: { spec: { limits: [{ type: 'Pod', max: { memory: '4Gi' } }, { type: 'PersistentVolumeClaim', max: { storage: '10Gi' } }] } } },
  { name: 'unknown type', patch: { spec: { limits: [{ type: 'Node', max: { cpu: '2' } }] } }, errors: [['Invalid', 'spec.limits[0].type', 'must be a standard limit type or fully qualified']] },
  { name: 'duplicate type', patch: { spec: { limits: [{ type: 'Container', max: { cpu: '2' } }, { type: 'Container', max: { memory: '1Gi' } }] } }, errors: [['Duplicate', 'spec.limits[1].type']] },
  { name: 'min above max', patch: { spec: { limits: [{ type: 'Container', max: { cpu: '1' }, min: { cpu: '2' } }] } }, errors: [['Invalid', 'spec.limits[0].min[cpu]', 'min value 2 is greater than max value 1'], ['Invalid', 'spec.limits[0].default[cpu]', 'min value 2 is greater than default value 1'], ['Invalid', 'spec.limits[0].defaultRequest[cpu]', 'min value 2 is greater than default request value 1']] },
  { name: 'default above max', patch: { spec: { limits: [{ type: 'Container', max: { cpu: '1' }, min: null, default: { cpu: '2' } }] } }, errors: [['Invalid', 'spec.limits[0].default[cpu]', 'default value 2 is greater than max value 1'], ['Invalid', 'spec.limits[0].defaultRequest[cpu]', 'default request value 2 is greater than max value 1']] },
  { name: 'default on Pod type', patch: { spec: { limits: [{ type: 'Pod', default: { cpu: '1' } }] } }, errors: [['Forbidden', 'spec.limits[0].default', "may not be specified when `type` is 'Pod'"]] },
  { name: 'maxLimitRequestRatio below 1', patch: { spec: { limits: [{ type: 'Container', min: null, max: null, maxLimitRequestRatio: { cpu: '500m' } }] } }, errors: [['Invalid', 'spec.limits[0].maxLimitRequestRatio[cpu]', 'ratio 500m is less than 1']] },
  { name: 'non-standard container resource', patch: { spec: { limits: [{ type: 'Container', min: null, max: { disk: '1' } }] } }, errors: [
      ['Invalid', 'spec.limits[0].max[disk]', 'must be a standard resource type or fully qualified'],
      ['Invalid', 'spec.limits[0].max[disk]', 'must be a standard resource for containers'],
      ['Invalid', 'spec.limits[0].default[disk]', 'must be a standard resource type or fully qualified'],
      ['Invalid', 'spec.limits[0].default[disk]', 'must be a standard resource for containers'],
      ['Invalid', 'spec.limits[0].defaultRequest[disk]', 'must be a standard resource type or fully qualified'],
      ['Invalid', 'spec.limits[0].defaultRequest[disk]', 'must be a standard resource for containers'],
    ],
  },
  { name: 'negative min', patch: { spec: { limits: [{ type: 'Container', max: null, min: { memory: '-1' } }] } }, errors: [['Invalid', 'spec.limits[0].min[memory]', 'must be greater than or equal to 0'], ['Invalid', 'spec.limits[0].defaultRequest[memory]', 'must be greater than or equal to 0']] },
]);

const rc = {
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 2, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
};
runTable('ReplicationController', UPSTREAM, rc, [
  { name: 'valid', patch: {} },
  { name: 'selector defaults from template labels', patch: { spec: { selector: null } } },
  { name: 'selector does not match template', patch: { spec: { selector: { app: 'api' } } }, errors: [['Invalid', 'spec.template.metadata.labels', '`selector` does not match template `labels`']] },
  { name: 'negative replicas', patch: { spec: { replicas: -1 } }, errors: [['Invalid', 'spec.replicas', 'must be greater than or equal to 0']] },
  { name: 'negative minReadySeconds', patch: { spec: { minReadySeconds: -1 } }, errors: [['Invalid', 'spec.minReadySeconds']] },
  { name: 'restartPolicy OnFailure', patch: { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } }, errors: [['NotSupported', 'spec.template.spec.restartPolicy', 'supported values: "Always"']] },
  { name: 'activeDeadlineSeconds', patch: { spec: { template: { spec: { activeDeadlineSeconds: 10 } } } }, errors: [['Forbidden', 'spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported']] },
  { name: 'template container without image', patch: { spec: { template: { spec: { containers: [{ name: 'c' }] } } } }, errors: [['Required', 'spec.template.spec.containers[0].image']] },
  { name: 'template label value invalid (also copied to the RC labels by defaulting)', patch: { spec: { selector: { app: 'web' }, template: { metadata: { labels: { app: 'web', tier: 'front end' } } } } }, errors: [['Invalid', 'spec.template.labels'], ['Invalid', 'metadata.labels']] },
  { name: 'missing template', patch: { spec: { template: null } }, errors: [['Required', 'spec.template']] },
]);

const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: {} };
runTable('Node', UPSTREAM, node, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'valid taints', patch: { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }, { key: 'dedicated', value: 'db', effect: 'NoExecute' }] } }, namespaced: false },
  { name: 'taint without effect', patch: { spec: { taints: [{ key: 'dedicated', value: 'db' }] } }, namespaced: false, errors: [['Required', 'metadata.taints[0].effect']] },
  { name: 'taint unknown effect', patch: { spec: { taints: [{ key: 'a', effect: 'NoRun' }] } }, namespaced: false, errors: [['NotSupported', 'metadata.taints[0].effect']] },
  { name: 'taint invalid key', patch: { spec: { taints: [{ key: 'a b', effect: 'NoSchedule' }] } }, namespaced: false, errors: [['Invalid', 'metadata.taints[0].key']] },
  { name: 'taint invalid value', patch: { spec: { taints: [{ key: 'a', value: 'b c', effect: 'NoSchedule' }] } }, namespaced: false, errors: [['Invalid', 'metadata.taints[0].value']] },
  { name: 'duplicate taint key and effect', patch: { spec: { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'x', effect: 'NoSchedule' }] } }, namespaced: false, errors: [['Duplicate', 'metadata.taints[1]', 'taints must be unique by key and effect pair']] },
  { name: 'invalid podCIDR', patch: { spec: { podCIDRs: ['10.0.0.0'] } }, namespaced: false, errors: [['Invalid', 'spec.podCIDRs[0]']] },
  { name: 'invalid name', patch: { metadata: { name: 'Node_1' } }, namespaced: false, errors: [['Invalid', 'metadata.name']] },
]);
