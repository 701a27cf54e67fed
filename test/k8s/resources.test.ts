import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podRequests, qosClass, containerRequests, nodeAllocatable } from '../../server/src/k8s/resources';

const c = (requests?: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string) => ({ resources: { requests, limits }, restartPolicy });

test('podRequests: containers summed, init containers maxed, overhead added', () => {
  const r = podRequests({
    containers: [c({ cpu: '100m', memory: '64Mi' }), c({ cpu: '200m' })],
    initContainers: [c({ cpu: '500m', memory: '32Mi' })],
    overhead: { cpu: '10m', memory: '1Mi' },
  });
  assert.deepEqual(r, { cpu: 510, memory: 65 * 1024 * 1024 });
});

test('podRequests: sidecars (restartPolicy Always) add up and count against later init containers', () => {
  const r = podRequests({
    containers: [c({ cpu: '100m' })],
    initContainers: [c({ cpu: '200m' }, undefined, 'Always'), c({ cpu: '250m' })],
  });
  // regular: 100 + sidecar 200 = 300; init phase: 250 + 200 (sidecar started before) = 450
  assert.equal(r.cpu, 450);
  const r2 = podRequests({ containers: [c({ cpu: '1' })], initContainers: [c({ cpu: '200m' }, undefined, 'Always'), c({ cpu: '100m' })] });
  assert.equal(r2.cpu, 1200);
});

test('podRequests: non-missing defaults only for absent keys; limits default requests; extended resources', () => {
  assert.deepEqual(podRequests({ containers: [c({}), c({ cpu: '0' })] }, { nonMissing: true }), { cpu: 100, memory: 2 * 200 * 1024 * 1024 });
  assert.deepEqual(containerRequests(c(undefined, { cpu: '1', 'nvidia.com/gpu': '2' })), { cpu: 1000, 'nvidia.com/gpu': 2 });
  assert.deepEqual(podRequests({ containers: [c({ cpu: 'bogus', memory: '1Gi' })] }), { memory: 2 ** 30 });
  assert.deepEqual(podRequests(undefined), {});
  assert.deepEqual(podRequests({ containers: [c({ cpu: '1' })], resources: { requests: { cpu: '3' } } }), { cpu: 3000 });
});

test('qosClass', () => {
  assert.equal(qosClass({ containers: [c()] }), 'BestEffort');
  assert.equal(qosClass({ containers: [c({ cpu: '0' })] }), 'BestEffort');
  assert.equal(qosClass({ containers: [c(undefined, { cpu: '1', memory: '1Gi' })] }), 'Guaranteed');
  assert.equal(qosClass({ containers: [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] }), 'Guaranteed');
  assert.equal(qosClass({ containers: [c({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] }), 'Burstable');
  assert.equal(qosClass({ containers: [c(undefined, { cpu: '1', memory: '1Gi' }), c({ cpu: '1' })] }), 'Burstable');
  assert.equal(qosClass({ containers: [c(undefined, { cpu: '1' })] }), 'Burstable');
});

test('nodeAllocatable falls back to capacity', () => {
  assert.deepEqual(nodeAllocatable({ capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '3800m' } }), { cpu: 3800, memory: 8 * 2 ** 30, pods: 110 });
});
