// DefaultPreemption (PostFilter): scenarios after upstream
// pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go (fewest
// victims, PDB reprieve, preemptionPolicy Never, unresolvable nodes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../../server/src/sim/scheduler/framework';
import { node, pod } from '../helpers';

const plain = { dynamicResourcesPostFilterReason: false };

test('preemption evicts the fewest, lowest-priority victims and nominates the node', () => {
  const s = new Scheduler(plain);
  s.addNode(node('n1', { cpu: '2' }));
  s.addNode(node('n2', { cpu: '2' }));
  s.addPod(pod('low-a', { cpu: '1', priority: 10 }), 'n1');
  s.addPod(pod('low-b', { cpu: '1', priority: 10 }), 'n1');
  s.addPod(pod('mid', { cpu: '1500m', priority: 50 }), 'n2');
  const high = pod('high', { cpu: '1', priority: 100 });
  const r = s.schedulePod(high);
  assert.ok(r.failure);
  assert.equal(r.failure.message, '0/2 nodes are available: 2 Insufficient cpu.');
  assert.equal(r.failure.preemption?.nominatedNode, 'n1');
  assert.deepEqual(r.failure.preemption?.victims.map((v) => v.metadata.name), ['low-b']);
  assert.equal(s.nominatedNodeOf(high), 'n1');
  // The nomination reserves the room for the preemptor against lower-priority pods.
  s.removePod(r.failure.preemption!.victims[0]);
  assert.equal(s.schedulePod(pod('sneaky', { cpu: '1', priority: 0 })).failure?.message.split('.')[0], '0/2 nodes are available: 2 Insufficient cpu');
  assert.equal(s.schedulePod(high).node, 'n1');
});

test('PDB-protected pods are reprieved first', () => {
  const s = new Scheduler(plain);
  s.addNode(node('n1', { cpu: '2' }));
  s.addPod(pod('protected', { cpu: '1', priority: 0, labels: { app: 'db' } }), 'n1');
  s.addPod(pod('free', { cpu: '1', priority: 0, labels: { app: 'batch' } }), 'n1');
  const lookups = { podDisruptionBudgets: () => [{ name: 'db', namespace: 'default', selector: { matchLabels: { app: 'db' } }, disruptionsAllowed: 0 }] };
  const r = s.schedulePod(pod('high', { cpu: '1', priority: 100 }), lookups);
  assert.deepEqual(r.failure?.preemption?.victims.map((v) => v.metadata.name), ['free']);
  assert.equal(r.failure?.preemption?.pdbViolations, 0);
});

test('preemptionPolicy Never and unresolvable nodes', () => {
  const s = new Scheduler(plain);
  s.addNode(node('n1', { cpu: '1' }));
  s.addPod(pod('low', { cpu: '1', priority: 0 }), 'n1');
  const r = s.schedulePod(pod('polite', { cpu: '1', priority: 100, spec: { preemptionPolicy: 'Never' } }));
  assert.equal(r.failure?.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  const r2 = s.schedulePod(pod('huge', { cpu: '2', priority: 100 }));
  assert.equal(r2.failure?.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
});
