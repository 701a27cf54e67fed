// NodeResourcesBalancedAllocation with the v1.36 formula (balanced_allocation.go after
// upstream PR #135573: 50 + (50 + balance with the pod - balance without it) / 2, where
// balance = (1 - |cpuFraction - memoryFraction| / 2) * 100). Upstream's
// balanced_allocation_test.go tables were rewritten for that formula; the cases below
// follow its structure (requested pod, existing pods, node capacities) with the values
// worked out by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeResourcesBalancedAllocation } from '../../../../server/src/sim/scheduler/plugins/balancedAllocation';
import { cluster, containers, makeNode, makePod, runScore } from './harness';

const capNode = (name: string, cpu: string, memory: string) => makeNode(name, { allocatable: { cpu, memory } });
const on = (node: string, cpu: string, memory: string) => makePod({ nodeName: node, containers: containers({ cpu, memory }) });

test('BalancedAllocation PreScore: a pod requesting nothing is skipped', () => {
  assert.equal(runScore(cluster([capNode('node1', '4000', '10000')]), nodeResourcesBalancedAllocation, makePod()), 'skip');
});

test('BalancedAllocation Score: nothing scheduled, resources requested, differently sized nodes', () => {
  // node1: fractions with pod 3000/4000=0.75, 5000/10000=0.5 -> balance 87; without 100 -> 50 + (50+87-100)/2 = 68
  // node2: 3000/6000=0.5, 0.5 -> 100; without 100 -> 50 + 50/2 = 75
  const pod = makePod({ containers: containers({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }) });
  assert.deepEqual(runScore(cluster([capNode('node1', '4000', '10000'), capNode('node2', '6000', '10000')]), nodeResourcesBalancedAllocation, pod), { node1: 68, node2: 75 });
});

test('BalancedAllocation Score: a pod that evens out an unbalanced node scores above 75', () => {
  // node1 holds cpu 6000/10000, memory 0/20000: balance 70. With the pod (0 cpu, 10000 memory): 0.6 vs 0.5 -> 95.
  // 50 + (50 + 95 - 70)/2 = 87. node2 empty: with the pod 0 vs 0.5 -> 75; 50 + (50+75-100)/2 = 62.
  const pod = makePod({ containers: containers({ cpu: '0', memory: '10000' }) });
  assert.deepEqual(runScore(cluster([capNode('node1', '10000', '20000'), capNode('node2', '10000', '20000')], [on('node1', '6000', '0')]), nodeResourcesBalancedAllocation, pod), { node1: 87, node2: 62 });
});

test('BalancedAllocation Score: fractions are capped at 1 and a node without allocatable scores as balanced', () => {
  // node1: cpu 8000/4000 -> 1, memory 0 -> balance 50; without 100 -> 50 + (50+50-100)/2 = 50. node2: no allocatable -> 100/100 -> 75.
  const pod = makePod({ containers: containers({ cpu: '8000', memory: '0' }) });
  assert.deepEqual(runScore(cluster([capNode('node1', '4000', '10000'), makeNode('node2')]), nodeResourcesBalancedAllocation, pod), { node1: 50, node2: 75 });
});
