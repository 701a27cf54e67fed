import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../server/src/sim/scheduler/framework';
import { node, pod } from './helpers';

const plain = { dynamicResourcesPostFilterReason: false };

test('worked example: taints + insufficient cpu, exact v1.36 message and structured reasons', () => {
  const s = new Scheduler();
  s.addNode(node('node1', { cpu: '2' }));
  s.addNode(node('node2', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
  s.addNode(node('node3', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] }));
  s.addPod(pod('existing', { cpu: '1500m' }), 'node1');
  const r = s.schedulePod(pod('web', { cpu: '1' }));
  assert.ok(r.failure);
  assert.equal(
    r.failure.message,
    '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
  );
  const byNode = Object.fromEntries(r.failure.nodes.map((n) => [n.node, n]));
  assert.equal(byNode.node1.plugin, 'NodeResourcesFit');
  assert.deepEqual(byNode.node2.taint, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' });
  assert.equal(byNode.node3.taint?.effect, 'NoExecute');
  // Without the DynamicResources PostFilter reason (option) the message is the README's form.
  const s2 = new Scheduler(plain);
  s2.addNode(node('node1', { cpu: '2' }));
  s2.addPod(pod('existing', { cpu: '1500m' }), 'node1');
  assert.equal(s2.schedulePod(pod('web', { cpu: '1' })).failure?.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
});

test('histogram items sort as strings ("10 ..." before "2 ...")', () => {
  const s = new Scheduler(plain);
  for (let i = 0; i < 10; i++) s.addNode(node(`t${i}`, { taints: [{ key: 'k', effect: 'NoSchedule' }] }));
  for (let i = 0; i < 2; i++) s.addNode(node(`small${i}`, { cpu: '100m' }));
  const r = s.schedulePod(pod('p', { cpu: '1' }));
  assert.equal(r.failure?.message, '0/12 nodes are available: 10 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.');
});

test('tolerations: Equal/Exists, empty key, effect matching; PreferNoSchedule does not filter', () => {
  const s = new Scheduler(plain);
  s.addNode(node('a', { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }));
  const tolerating = pod('ok', { spec: { tolerations: [{ key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }] } });
  assert.equal(s.schedulePod(tolerating).node, 'a');
  assert.equal(s.schedulePod(pod('ex', { spec: { tolerations: [{ operator: 'Exists' }] } })).node, 'a');
  assert.ok(s.schedulePod(pod('wrongval', { spec: { tolerations: [{ key: 'gpu', value: 'false' }] } })).failure);
  assert.ok(s.schedulePod(pod('wrongeffect', { spec: { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoExecute' }] } })).failure);
  const s2 = new Scheduler();
  s2.addNode(node('soft', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }));
  assert.equal(s2.schedulePod(pod('p')).node, 'soft');
});

test('nodeSelector and required node affinity; missing labels reported', () => {
  const s = new Scheduler(plain);
  s.addNode(node('ssd', { labels: { disk: 'ssd', zone: 'a' } }));
  s.addNode(node('hdd', { labels: { disk: 'hdd', zone: 'b' } }));
  assert.equal(s.schedulePod(pod('p1', { spec: { nodeSelector: { disk: 'ssd' } } })).node, 'ssd');
  const aff = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } };
  assert.equal(s.schedulePod(pod('p2', { spec: { affinity: aff } })).node, 'hdd');
  const r = s.schedulePod(pod('p3', { spec: { nodeSelector: { disk: 'nvme' } } }));
  assert.equal(r.failure?.message, "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  assert.deepEqual(r.failure?.nodes[0].missingNodeLabels, { disk: 'nvme' });
  // Gt compares integers; an empty term matches nothing.
  s.addNode(node('big', { labels: { cores: '64' } }));
  const gt = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}, { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['32'] }] }] } } };
  assert.equal(s.schedulePod(pod('p4', { spec: { affinity: gt } })).node, 'big');
});

test('matchFields metadata.name narrows at PreFilter (DaemonSet pods)', () => {
  const s = new Scheduler(plain);
  s.addNode(node('n1'));
  s.addNode(node('n2', { cpu: '100m' }));
  s.addNode(node('n3'));
  const pin = (n: string) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }] }] } } });
  assert.equal(s.schedulePod(pod('ds-a', { spec: { affinity: pin('n3') } })).node, 'n3');
  const r = s.schedulePod(pod('ds-b', { cpu: '1', spec: { affinity: pin('n2') } }));
  assert.equal(r.failure?.message, "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
});

test('NodeResourcesFit: pods limit, memory, extended resources, unresolvable when larger than the node', () => {
  const s = new Scheduler(plain);
  s.addNode(node('gpu', { extra: { 'nvidia.com/gpu': '2' }, pods: 2 }));
  s.addNode(node('cpu'));
  const gpuPod = (n: string) => pod(n, { requests: { 'nvidia.com/gpu': '1' } });
  assert.equal(s.schedulePod(gpuPod('g1')).node, 'gpu');
  s.addPod(gpuPod('g1'), 'gpu');
  s.addPod(gpuPod('g2'), 'gpu');
  const r = s.schedulePod(gpuPod('g3'));
  assert.equal(r.failure?.message, '0/2 nodes are available: 1 Too many pods, 2 Insufficient nvidia.com/gpu. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.');
  const big = s.schedulePod(pod('huge', { memory: '100Gi' }));
  assert.ok(big.failure?.nodes.every((n) => n.code === 'UnschedulableAndUnresolvable' || n.reasons.includes('Too many pods')));
});

test('init containers and sidecars count towards the fit', () => {
  const s = new Scheduler(plain);
  s.addNode(node('n', { cpu: '1' }));
  const p = pod('init', { cpu: '100m', spec: { initContainers: [{ name: 'i', resources: { requests: { cpu: '1500m' } } }] } });
  assert.match(s.schedulePod(p).failure!.message, /1 Insufficient cpu/);
  const sidecar = pod('side', { cpu: '600m', spec: { initContainers: [{ name: 's', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } }] } });
  assert.match(s.schedulePod(sidecar).failure!.message, /1 Insufficient cpu/);
  const overhead = pod('oh', { cpu: '950m', spec: { overhead: { cpu: '100m' } } });
  assert.match(s.schedulePod(overhead).failure!.message, /1 Insufficient cpu/);
  assert.equal(s.schedulePod(pod('fits', { cpu: '900m', spec: { overhead: { cpu: '100m' } } })).node, 'n');
});

test('NodePorts, NodeUnschedulable, scheduling gates, no nodes', () => {
  const s = new Scheduler(plain);
  s.addNode(node('a'));
  s.addNode(node('b', { unschedulable: true }));
  const withPort = (n: string) => pod(n, { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] } });
  s.addPod(withPort('first'), 'a');
  assert.equal(
    s.schedulePod(withPort('second')).failure?.message,
    "0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
  );
  const gated = s.schedulePod(pod('g', { spec: { schedulingGates: [{ name: 'wait' }] } }));
  assert.equal(gated.failure?.reason, 'SchedulingGated');
  assert.equal(gated.failure?.message, 'Scheduling is blocked due to non-empty scheduling gates');
  assert.equal(new Scheduler().schedulePod(pod('x')).failure?.message, 'no nodes available to schedule pods');
});

test('percentageOfNodesToScore and start-index rotation', async () => {
  const { numFeasibleNodesToFind } = await import('../../../server/src/sim/scheduler/fitError');
  const table: Array<[number, number]> = [[50, 50], [150, 100], [500, 230], [1000, 420], [3000, 780], [5000, 500], [6000, 300], [10000, 500]];
  for (const [n, k] of table) assert.equal(numFeasibleNodesToFind(n), k, `n=${n}`);
  const s = new Scheduler();
  for (let i = 0; i < 200; i++) s.addNode(node(`n${String(i).padStart(3, '0')}`));
  const r1 = s.schedulePod(pod('a'));
  assert.equal(r1.node !== undefined && r1.evaluatedNodes, 100);
  const r2 = s.schedulePod(pod('b'));
  assert.ok(r2.node && r2.node >= 'n100', `second cycle starts at node 100, got ${r2.node}`);
});
