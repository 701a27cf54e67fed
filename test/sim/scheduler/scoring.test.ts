import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../server/src/sim/scheduler/framework';
import { node, pod } from './helpers';

const plain = { dynamicResourcesPostFilterReason: false };

test('LeastAllocated + BalancedAllocation pick the emptier node; explain shows weighted plugin scores', () => {
  const s = new Scheduler();
  s.addNode(node('busy', { cpu: '4', memory: '8Gi' }));
  s.addNode(node('idle', { cpu: '4', memory: '8Gi' }));
  s.addPod(pod('load', { cpu: '3', memory: '6Gi' }), 'busy');
  const r = s.schedulePod(pod('p', { cpu: '500m', memory: '1Gi' }), {}, { explain: true });
  assert.equal(r.node, 'idle');
  const idle = r.scores!.find((x) => x.node === 'idle')!;
  // LeastAllocated on idle: cpu (4000-500)*100/4000 = 87, mem (8-1)*100/8 = 87 -> 87
  assert.equal(idle.plugins.NodeResourcesFit, 87);
  // TaintToleration: no PreferNoSchedule taints -> 100 * weight 3
  assert.equal(idle.plugins.TaintToleration, 300);
  // Balanced (1.36): both nodes stay balanced (cpu and memory fractions equal) -> 50 + (50 + 100 - 100)/2 = 75
  assert.equal(idle.plugins.NodeResourcesBalancedAllocation, 75);
});

test('ties go to the smallest node name', () => {
  const s = new Scheduler();
  for (const n of ['c', 'a', 'b']) s.addNode(node(n));
  assert.equal(s.schedulePod(pod('p')).node, 'a');
});

test('PreferNoSchedule taints and preferred node affinity steer placement', () => {
  const s = new Scheduler();
  s.addNode(node('a', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }));
  s.addNode(node('b'));
  assert.equal(s.schedulePod(pod('p')).node, 'b');
  const s2 = new Scheduler();
  s2.addNode(node('a'));
  s2.addNode(node('b', { labels: { fast: 'yes' } }));
  const pref = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'fast', operator: 'Exists' }] } }] } };
  const r = s2.schedulePod(pod('q', { spec: { affinity: pref } }), {}, { explain: true });
  assert.equal(r.node, 'b');
  assert.equal(r.scores!.find((x) => x.node === 'b')!.plugins.NodeAffinity, 200);
  assert.equal(r.scores!.find((x) => x.node === 'a')!.plugins.NodeAffinity, 0);
});

test('ImageLocality prefers the node that has a large image', () => {
  const s = new Scheduler();
  s.addNode(node('a'));
  s.addNode(node('b', { images: [{ names: ['registry/big:1'], sizeBytes: 800 * 1024 * 1024 }] }));
  const r = s.schedulePod(pod('p', { image: 'registry/big:1' }), {}, { explain: true });
  assert.equal(r.node, 'b');
  // sum = 800Mi * 1/2 = 400Mi; (400-23)/(1000-23)*100 = 38
  assert.equal(r.scores!.find((x) => x.node === 'b')!.plugins.ImageLocality, 38);
});

test('system default topology spread distributes a ReplicaSet across nodes and zones', () => {
  const s = new Scheduler();
  for (let i = 0; i < 4; i++) s.addNode(node(`n${i}`, { labels: { 'topology.kubernetes.io/zone': i < 2 ? 'z1' : 'z2' } }));
  const lookups = { replicaSets: () => [{ selector: { matchLabels: { app: 'web' } } }] };
  const placed: string[] = [];
  for (let i = 0; i < 4; i++) {
    const p = pod(`web-${i}`, { cpu: '10m', labels: { app: 'web' } });
    const r = s.schedulePod(p, lookups);
    assert.ok(r.node);
    s.assumePod(p, r.node);
    placed.push(r.node);
  }
  assert.equal(new Set(placed).size, 4, `one per node: ${placed}`);
});

test('hard topology spread: maxSkew and missing label messages', () => {
  const s = new Scheduler(plain);
  s.addNode(node('a', { labels: { zone: 'z1' } }));
  s.addNode(node('b', { labels: { zone: 'z2' } }));
  s.addNode(node('nolabel'));
  const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } }] };
  s.addPod(pod('db-0', { labels: { app: 'db' } }), 'a');
  s.addPod(pod('db-1', { labels: { app: 'db' } }), 'a');
  const r = s.schedulePod(pod('db-2', { labels: { app: 'db' }, spec: spread }));
  assert.equal(r.node, 'b');
  s.addNode(node('c', { labels: { zone: 'z3' }, cpu: '0' }));
  s.addPod(pod('db-3', { labels: { app: 'db' } }), 'b');
  // z3 has 0 pods (node c has no cpu): skew on a/b = 2 + 1 - 0 > 1. c is unresolvable (request > allocatable),
  // so preemption is tried only on a and b, which hold no lower-priority pods.
  const r2 = s.schedulePod(pod('db-4', { labels: { app: 'db' }, cpu: '100m', spec: spread }));
  assert.equal(
    r2.failure?.message,
    "0/4 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints (missing required label), 2 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
  );
});
