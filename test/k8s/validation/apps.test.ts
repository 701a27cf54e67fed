// apps group validation tables, ported from upstream
// pkg/apis/apps/validation/validation_test.go (TestValidateDeployment,
// TestValidateDeploymentStrategy/RollingUpdate, TestValidateReplicaSet,
// TestValidateStatefulSet, TestValidateDaemonSet, TestValidateDaemonSetUpdateStrategy,
// TestValidateControllerRevision) and pkg/registry/apps/*/strategy_test.go (warnings).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorText } from '../../../server/src/k8s/validation/index';
import { KEEP_NULL, check, merge, runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/apps/validation/validation_test.go';
const podTemplate = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } };

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate },
};

runTable('Deployment', UPSTREAM, deployment, [
  { name: 'valid', patch: {} },
  { name: 'valid Recreate', patch: { spec: { strategy: { type: 'Recreate' } } } },
  { name: 'Recreate with rollingUpdate: null is absent, not set', patch: { spec: { strategy: { type: 'Recreate', rollingUpdate: KEEP_NULL } } } },
  { name: 'valid matchExpressions selector', patch: { spec: { selector: { matchLabels: null, matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } } } },
  { name: 'missing name', patch: { metadata: { name: null } }, errors: [['Required', 'metadata.name', 'name or generateName is required']] },
  { name: 'invalid name', patch: { metadata: { name: 'Web_1' } }, errors: [['Invalid', 'metadata.name']], warnings: ['metadata.name: this is used in Pod names and hostnames'] },
  { name: 'dotted name is valid but warns', patch: { metadata: { name: 'web.v1' } }, warnings: ['a DNS label is recommended: [must not contain dots]'] },
  { name: 'invalid namespace', patch: { metadata: { namespace: 'Default' } }, errors: [['Invalid', 'metadata.namespace']] },
  { name: 'missing selector', patch: { spec: { selector: null } }, errors: [['Required', 'spec.selector'], ['Invalid', 'spec.template.metadata.labels', '`selector` does not match template `labels`']] },
  { name: 'empty selector', patch: { spec: { selector: { matchLabels: null } } }, errors: [['Invalid', 'spec.selector', 'empty selector is invalid for deployment']] },
  { name: 'selector does not match template labels', patch: { spec: { selector: { matchLabels: { app: 'api' } } } }, errors: [['Invalid', 'spec.template.metadata.labels', '`selector` does not match template `labels`']] },
  { name: 'template without labels', patch: { spec: { template: { metadata: null } } }, errors: [['Invalid', 'spec.template.metadata.labels']] },
  { name: 'missing template is an empty (defaulted) template, not Required', patch: { spec: { template: null } }, errors: [['Invalid', 'spec.template.metadata.labels'], ['Required', 'spec.template.spec.containers']] },
  { name: 'invalid selector label value', patch: { spec: { selector: { matchLabels: { app: 'web!' } } } }, errors: [['Invalid', 'spec.selector.matchLabels'], ['Invalid', 'spec.selector', 'invalid label selector']] },
  { name: 'invalid selector operator', patch: { spec: { selector: { matchExpressions: [{ key: 'tier', operator: 'Maybe' }] } } }, errors: [['Invalid', 'spec.selector.matchExpressions[0].operator'], ['Invalid', 'spec.selector', 'invalid label selector']] },
  { name: 'negative replicas', patch: { spec: { replicas: -1 } }, errors: [['Invalid', 'spec.replicas', 'must be greater than or equal to 0']] },
  { name: 'zero replicas is valid', patch: { spec: { replicas: 0 } } },
  { name: 'restartPolicy Never', patch: { spec: { template: { spec: { restartPolicy: 'Never' } } } }, errors: [['NotSupported', 'spec.template.spec.restartPolicy', 'supported values: "Always"']] },
  { name: 'activeDeadlineSeconds', patch: { spec: { template: { spec: { activeDeadlineSeconds: 30 } } } }, errors: [['Forbidden', 'spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported']] },
  { name: 'unknown strategy type', patch: { spec: { strategy: { type: 'Blue' } } }, errors: [['NotSupported', 'spec.strategy', 'supported values: "Recreate", "RollingUpdate"']] },
  { name: 'Recreate with rollingUpdate', patch: { spec: { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } }, errors: [['Forbidden', 'spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"]] },
  { name: 'maxSurge not a percent', patch: { spec: { strategy: { rollingUpdate: { maxSurge: '20Percent' } } } }, errors: [['Invalid', 'spec.strategy.rollingUpdate.maxSurge', "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]] },
  { name: 'maxSurge negative', patch: { spec: { strategy: { rollingUpdate: { maxSurge: -1 } } } }, errors: [['Invalid', 'spec.strategy.rollingUpdate.maxSurge', 'must be greater than or equal to 0']] },
  { name: 'maxUnavailable negative', patch: { spec: { strategy: { rollingUpdate: { maxUnavailable: -5 } } } }, errors: [['Invalid', 'spec.strategy.rollingUpdate.maxUnavailable']] },
  { name: 'maxUnavailable over 100%', patch: { spec: { strategy: { rollingUpdate: { maxUnavailable: '110%' } } } }, errors: [['Invalid', 'spec.strategy.rollingUpdate.maxUnavailable', 'must not be greater than 100%']] },
  { name: 'maxSurge over 100% is valid', patch: { spec: { strategy: { rollingUpdate: { maxSurge: '200%' } } } } },
  { name: 'both zero', patch: { spec: { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } }, errors: [['Invalid', 'spec.strategy.rollingUpdate.maxUnavailable', 'may not be 0 when `maxSurge` is 0']] },
  { name: 'both zero percent', patch: { spec: { strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } } } }, errors: [['Invalid', 'spec.strategy.rollingUpdate.maxUnavailable']] },
  { name: 'negative minReadySeconds', patch: { spec: { minReadySeconds: -1 } }, errors: [['Invalid', 'spec.minReadySeconds']] },
  { name: 'negative revisionHistoryLimit', patch: { spec: { revisionHistoryLimit: -2 } }, errors: [['Invalid', 'spec.revisionHistoryLimit']] },
  { name: 'zero revisionHistoryLimit is valid', patch: { spec: { revisionHistoryLimit: 0 } } },
  { name: 'progressDeadlineSeconds not above minReadySeconds', patch: { spec: { minReadySeconds: 600, progressDeadlineSeconds: 600 } }, errors: [['Invalid', 'spec.progressDeadlineSeconds', 'must be greater than minReadySeconds']] },
  { name: 'negative progressDeadlineSeconds', patch: { spec: { progressDeadlineSeconds: -1 } }, errors: [['Invalid', 'spec.progressDeadlineSeconds', 'must be greater than or equal to 0'], ['Invalid', 'spec.progressDeadlineSeconds', 'must be greater than minReadySeconds']] },
  { name: 'invalid template label key', patch: { spec: { template: { metadata: { labels: { app: 'web', 'bad key': 'x' } } } } }, errors: [['Invalid', 'spec.template.labels']] },
  { name: 'resourceVersion on create', patch: { metadata: { resourceVersion: '123' } }, errors: [['Internal', 'metadata.resourceVersion']] },
]);

const replicaSet = { ...deployment, kind: 'ReplicaSet' };
runTable('ReplicaSet', UPSTREAM, replicaSet, [
  { name: 'valid', patch: {} },
  { name: 'missing selector', patch: { spec: { selector: null } }, errors: [['Required', 'spec.selector'], ['Invalid', 'spec.template.metadata.labels']] },
  { name: 'empty selector (upstream says deployment)', patch: { spec: { selector: { matchLabels: null } } }, errors: [['Invalid', 'spec.selector', 'empty selector is invalid for deployment']] },
  { name: 'selector mismatch', patch: { spec: { selector: { matchLabels: { app: 'x' } } } }, errors: [['Invalid', 'spec.template.metadata.labels']] },
  { name: 'negative replicas', patch: { spec: { replicas: -1 } }, errors: [['Invalid', 'spec.replicas']] },
  { name: 'negative minReadySeconds', patch: { spec: { minReadySeconds: -1 } }, errors: [['Invalid', 'spec.minReadySeconds']] },
  { name: 'restartPolicy OnFailure', patch: { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } }, errors: [['NotSupported', 'spec.template.spec.restartPolicy']] },
  { name: 'underscore name', patch: { metadata: { name: 'my_rs' } }, errors: [['Invalid', 'metadata.name']], warnings: ['a DNS label is recommended'] },
]);

const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: { serviceName: 'db', selector: { matchLabels: { app: 'web' } }, template: podTemplate },
};
runTable('StatefulSet', UPSTREAM, statefulSet, [
  { name: 'valid', patch: {} },
  { name: 'valid Parallel + OnDelete', patch: { spec: { podManagementPolicy: 'Parallel', updateStrategy: { type: 'OnDelete' } } } },
  { name: 'valid maxUnavailable', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: '50%' } } } } },
  { name: 'name must be a DNS label', patch: { metadata: { name: 'db.v1' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'invalid podManagementPolicy', patch: { spec: { podManagementPolicy: 'Random' } }, errors: [['Invalid', 'spec.podManagementPolicy', "must be 'OrderedReady' or 'Parallel'"]] },
  { name: 'invalid updateStrategy type', patch: { spec: { updateStrategy: { type: 'Blue', rollingUpdate: null } } }, errors: [['Invalid', 'spec.updateStrategy', "must be 'RollingUpdate' or 'OnDelete'"]] },
  { name: 'OnDelete with rollingUpdate', patch: { spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate', "only allowed for updateStrategy 'RollingUpdate'"]] },
  { name: 'negative partition', patch: { spec: { updateStrategy: { rollingUpdate: { partition: -1 } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate.partition']] },
  { name: 'maxUnavailable 0', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'cannot be 0']] },
  { name: 'maxUnavailable 0%', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: '0%' } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'cannot be 0']] },
  { name: 'maxUnavailable over 100%', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: '101%' } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'must not be greater than 100%']] },
  { name: 'maxUnavailable negative', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: -1 } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'must be greater than or equal to 0']] },
  { name: 'negative replicas', patch: { spec: { replicas: -1 } }, errors: [['Invalid', 'spec.replicas']] },
  { name: 'negative minReadySeconds', patch: { spec: { minReadySeconds: -1 } }, errors: [['Invalid', 'spec.minReadySeconds']] },
  { name: 'negative ordinals.start', patch: { spec: { ordinals: { start: -1 } } }, errors: [['Invalid', 'spec.ordinals.start']] },
  { name: 'missing selector', patch: { spec: { selector: null } }, errors: [['Required', 'spec.selector'], ['Invalid', 'spec.template.metadata.labels']] },
  { name: 'empty selector', patch: { spec: { selector: { matchLabels: null } } }, errors: [['Invalid', 'spec.selector', 'empty selector is invalid for statefulset']] },
  { name: 'selector mismatch', patch: { spec: { selector: { matchLabels: { app: 'db' } } } }, errors: [['Invalid', 'spec.template.metadata.labels']] },
  { name: 'restartPolicy Never', patch: { spec: { template: { spec: { restartPolicy: 'Never' } } } }, errors: [['NotSupported', 'spec.template.spec.restartPolicy']] },
  { name: 'activeDeadlineSeconds', patch: { spec: { template: { spec: { activeDeadlineSeconds: 1 } } } }, errors: [['Forbidden', 'spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported']] },
  { name: 'invalid retention policy', patch: { spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } } }, errors: [['NotSupported', 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', 'supported values: "Retain", "Delete"']] },
  { name: 'fractional claim template storage warns', patch: { spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1.5' } } } }] } }, warnings: ['spec.volumeClaimTemplates[0].resources.requests[storage]: fractional byte value "1500m" is invalid, must be an integer'] },
  { name: 'missing template: only the selector match (pod spec not validated for StatefulSets)', patch: { spec: { template: null } }, errors: [['Invalid', 'spec.template.metadata.labels']] },
  { name: 'invalid template annotation key', patch: { spec: { template: { metadata: { annotations: { 'a/b/c': 'x' } } } } }, errors: [['Invalid', 'spec.template.annotations']] },
]);

const daemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate },
};
runTable('DaemonSet', UPSTREAM, daemonSet, [
  { name: 'valid', patch: {} },
  { name: 'valid OnDelete', patch: { spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: null } } } },
  { name: 'valid surge only', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } } } } },
  { name: 'missing selector', patch: { spec: { selector: null } }, errors: [['Invalid', 'spec.template.metadata.labels']] },
  { name: 'empty selector', patch: { spec: { selector: { matchLabels: null } } }, errors: [['Invalid', 'spec.selector', 'empty selector is invalid for daemonset']] },
  { name: 'selector mismatch', patch: { spec: { selector: { matchLabels: { app: 'x' } } } }, errors: [['Invalid', 'spec.template.metadata.labels']] },
  { name: 'restartPolicy OnFailure', patch: { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } }, errors: [['NotSupported', 'spec.template.spec.restartPolicy']] },
  { name: 'activeDeadlineSeconds', patch: { spec: { template: { spec: { activeDeadlineSeconds: 5 } } } }, errors: [['Forbidden', 'spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported']] },
  { name: 'negative minReadySeconds', patch: { spec: { minReadySeconds: -1 } }, errors: [['Invalid', 'spec.minReadySeconds']] },
  { name: 'negative revisionHistoryLimit', patch: { spec: { revisionHistoryLimit: -1 } }, errors: [['Invalid', 'spec.revisionHistoryLimit']] },
  { name: 'unknown updateStrategy', patch: { spec: { updateStrategy: { type: 'Blue', rollingUpdate: null } } }, errors: [['NotSupported', 'spec.updateStrategy', 'supported values: "RollingUpdate", "OnDelete"']] },
  { name: 'both non-zero', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate.maxSurge', 'may not be set when maxUnavailable is non-zero']] },
  { name: 'both zero', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } } }, errors: [['Required', 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'cannot be 0 when maxSurge is 0']] },
  { name: 'maxSurge over 100%', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '150%' } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate.maxSurge', 'must not be greater than 100%']] },
  { name: 'maxUnavailable bad percent', patch: { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: '1.5%' } } } }, errors: [['Invalid', 'spec.updateStrategy.rollingUpdate.maxUnavailable'], ['Required', 'spec.updateStrategy.rollingUpdate.maxUnavailable']] },
]);

runTable('ControllerRevision', UPSTREAM, { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-1', namespace: 'default' }, data: { spec: {} }, revision: 1 }, [
  { name: 'valid', patch: {} },
  { name: 'missing data', patch: { data: null }, errors: [['Required', 'data', 'data is mandatory']] },
  { name: 'negative revision', patch: { revision: -1 }, errors: [['Invalid', 'revision']] },
  { name: 'invalid name', patch: { metadata: { name: 'Web' } }, errors: [['Invalid', 'metadata.name']] },
]);


test('Deployment: both-zero rollingUpdate prints the IntOrString as kubectl shows it (issue reports of `kubectl apply`)', () => {
  const res = check(merge(deployment, { spec: { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } }));
  assert.deepEqual(res.errors.map(errorText), [
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
  ]);
});
