// The group validators never throw on malformed input (wrong types are the schema
// layer's to report): every kind gets objects whose fields hold the wrong JSON types.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateObject } from '../../../server/src/k8s/validation/index';

const KINDS: [string, string][] = [
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ControllerRevision'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'IngressClass'], ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['storage.k8s.io/v1', 'StorageClass'], ['storage.k8s.io/v1', 'CSIDriver'], ['storage.k8s.io/v1', 'VolumeAttachment'], ['storage.k8s.io/v1', 'VolumeAttributesClass'], ['storage.k8s.io/v1', 'CSIStorageCapacity'],
  ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['policy/v1', 'PodDisruptionBudget'], ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['autoscaling/v1', 'HorizontalPodAutoscaler'],
  ['discovery.k8s.io/v1', 'EndpointSlice'], ['scheduling.k8s.io/v1', 'PriorityClass'], ['node.k8s.io/v1', 'RuntimeClass'],
];

const WEIRD: unknown[] = [null, 0, -1, 'x', true, [], [null], [1, 'a'], {}, { a: null }, [{}], [[]]];

/** Every top-level and second-level field of a rich object replaced by each weird value. */
function* variants(base: Record<string, unknown>): Generator<Record<string, unknown>> {
  const fields = ['metadata', 'driverName', 'nodeTopology', 'capacity', 'storageClassName', 'spec', 'rules', 'subjects', 'roleRef', 'endpoints', 'ports', 'data', 'overhead', 'scheduling', 'handler', 'value', 'addressType', 'parameters', 'allowedTopologies', 'aggregationRule'];
  const specFields = ['selector', 'template', 'strategy', 'updateStrategy', 'rules', 'tls', 'defaultBackend', 'ingress', 'egress', 'podSelector', 'metrics', 'behavior', 'scaleTargetRef', 'jobTemplate', 'schedule', 'timeZone', 'podFailurePolicy', 'successPolicy', 'minAvailable', 'maxUnavailable', 'replicas', 'controller', 'parameters', 'source', 'tokenRequests', 'policyTypes', 'targetCPUUtilizationPercentage', 'persistentVolumeClaimRetentionPolicy', 'ordinals', 'completionMode', 'completions'];
  for (const w of WEIRD) {
    for (const f of fields) yield { ...base, [f]: w };
    for (const f of specFields) yield { ...base, spec: { [f]: w } };
    yield { ...base, spec: { template: { metadata: w, spec: w } } };
    yield { ...base, spec: { rules: [{ http: { paths: [w] } }], tls: [{ hosts: [w] }] } };
    yield { ...base, spec: { metrics: [{ type: 'Resource', resource: w }], behavior: { scaleUp: { policies: [w] } } } };
    yield { ...base, spec: { ingress: [{ from: [w], ports: [w] }], egress: [{ to: [{ ipBlock: w }] }] } };
    yield { ...base, spec: { podFailurePolicy: { rules: [w, { onExitCodes: w, onPodConditions: [w] }] }, successPolicy: { rules: [w] } } };
    yield { ...base, spec: { strategy: { type: 'RollingUpdate', rollingUpdate: w }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: w } } };
  }
}

test('group validators never throw on wrong JSON types', () => {
  let n = 0;
  for (const [apiVersion, kind] of KINDS) {
    for (const v of variants({ apiVersion, kind, metadata: { name: 'x', namespace: 'default' } })) {
      assert.doesNotThrow(() => validateObject({ ...v, apiVersion, kind }, { namespaced: true }), `${kind} ${JSON.stringify(v)}`);
      n++;
    }
  }
  assert.ok(n > 1000);
});
