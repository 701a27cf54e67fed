// NodeResourcesFit: Filter cases ported from upstream
// pkg/scheduler/framework/plugins/noderesources/fit_test.go (enoughPodsTests,
// notEnoughPodsTests: node allocatable milliCPU 10, memory 20, pods 32), and
// LeastAllocated (the default scoring strategy, cpu and memory weight 1) cases from
// least_allocated_test.go (TestLeastAllocatedScoringStrategy). MostAllocated and
// RequestedToCapacityRatio are not implemented (not in the default profile).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeResourcesFit } from '../../../../server/src/sim/scheduler/plugins/nodeResourcesFit';
import { cluster, containers, makeNode, makePod, runFilter, runScore, statusOf } from './harness';

const res = (cpuMilli: number, mem: number) => ({ cpu: `${cpuMilli}m`, memory: String(mem) });
const fitNode = (pods = 32) => makeNode('machine1', { allocatable: { cpu: '10m', memory: '20', pods: String(pods) } });
const existing = (cpuMilli: number, mem: number) => makePod({ nodeName: 'machine1', containers: containers(res(cpuMilli, mem)) });
const unsched = (...reasons: string[]) => ({ code: 'Unschedulable', reasons });

const filterCases: Array<[string, ReturnType<typeof makePod>, ReturnType<typeof makePod>[], unknown]> = [
  ['no resources requested always fits', makePod(), [existing(10, 20)], undefined],
  ['too many resources fails', makePod({ containers: containers(res(1, 1)) }), [existing(10, 20)], unsched('Insufficient cpu', 'Insufficient memory')],
  ['too many resources fails due to init container cpu', makePod({ containers: containers(res(1, 1)), initContainers: containers(res(3, 1)) }), [existing(8, 19)], unsched('Insufficient cpu')],
  ['too many resources fails due to highest init container cpu', makePod({ containers: containers(res(1, 1)), initContainers: containers(res(3, 1), res(2, 1)) }), [existing(8, 19)], unsched('Insufficient cpu')],
  ['too many resources fails due to init container memory', makePod({ containers: containers(res(1, 1)), initContainers: containers(res(1, 3)) }), [existing(9, 19)], unsched('Insufficient memory')],
  ['init container fits because it\'s the max, not sum, of containers and init containers', makePod({ containers: containers(res(1, 1)), initContainers: containers(res(1, 1)) }), [existing(9, 19)], undefined],
  ['both resources fit', makePod({ containers: containers(res(1, 1)) }), [existing(5, 5)], undefined],
  ['one resource memory fits', makePod({ containers: containers(res(2, 1)) }), [existing(9, 5)], unsched('Insufficient cpu')],
  ['one resource cpu fits', makePod({ containers: containers(res(1, 2)) }), [existing(5, 19)], unsched('Insufficient memory')],
  ['equal edge case', makePod({ containers: containers(res(5, 1)) }), [existing(5, 19)], undefined],
];

for (const [name, pod, pods, want] of filterCases) {
  test(`NodeResourcesFit Filter: ${name}`, () => {
    const s = cluster([fitNode()], pods);
    assert.deepEqual(statusOf(runFilter(s, nodeResourcesFit, pod, 'machine1')), want);
  });
}

test('NodeResourcesFit Filter: even without specified resources, predicate fails when there\'s no space for additional pod (notEnoughPodsTests)', () => {
  const s = cluster([fitNode(1)], [existing(10, 20)]);
  assert.deepEqual(statusOf(runFilter(s, nodeResourcesFit, makePod(), 'machine1')), unsched('Too many pods'));
  assert.deepEqual(statusOf(runFilter(s, nodeResourcesFit, makePod({ containers: containers(res(1, 1)) }), 'machine1')), unsched('Too many pods', 'Insufficient cpu', 'Insufficient memory'));
});

test('NodeResourcesFit Filter: a request larger than the node is UnschedulableAndUnresolvable (preemption cannot help)', () => {
  const s = cluster([fitNode()]);
  assert.deepEqual(statusOf(runFilter(s, nodeResourcesFit, makePod({ containers: containers(res(11, 1)) }), 'machine1')), { code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient cpu'] });
});

test('NodeResourcesFit Filter: extended resources', () => {
  const s = cluster([makeNode('machine1', { allocatable: { cpu: '10m', memory: '20', 'example.com/aaa': '5' } })], [makePod({ nodeName: 'machine1', containers: containers({ 'example.com/aaa': '3' }) })]);
  assert.deepEqual(statusOf(runFilter(s, nodeResourcesFit, makePod({ containers: containers({ 'example.com/aaa': '3' }) }), 'machine1')), unsched('Insufficient example.com/aaa'));
  assert.equal(runFilter(s, nodeResourcesFit, makePod({ containers: containers({ 'example.com/aaa': '2' }) }), 'machine1'), undefined);
});

// LeastAllocated: nodes' capacity and pods' requests in upstream's units (cpu cores, memory bytes).
const capNode = (name: string, cpu: string, memory: string) => makeNode(name, { allocatable: { cpu, memory } });
const on = (node: string, cpu: string, memory: string) => makePod({ nodeName: node, containers: containers({ cpu, memory }) });
const twoContainers = () => makePod({ containers: containers({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }) });

const scoreCases: Array<[string, ReturnType<typeof makePod>, ReturnType<typeof makeNode>[], ReturnType<typeof makePod>[], Record<string, number>]> = [
  ['nothing scheduled, nothing requested', makePod(), [capNode('node1', '4000', '10000'), capNode('node2', '4000', '10000')], [], { node1: 100, node2: 100 }],
  ['nothing scheduled, resources requested, differently sized nodes', twoContainers(), [capNode('node1', '4000', '10000'), capNode('node2', '6000', '10000')], [], { node1: 37, node2: 50 }],
  [
    'no resources requested, pods scheduled with resources',
    makePod(),
    [capNode('node1', '10000', '20000'), capNode('node2', '10000', '20000')],
    [on('node1', '3000', '0'), on('node1', '3000', '0'), on('node2', '3000', '0'), on('node2', '3000', '5000')],
    { node1: 70, node2: 57 },
  ],
  ['resources requested, pods scheduled with resources', twoContainers(), [capNode('node1', '10000', '20000'), capNode('node2', '10000', '20000')], [on('node1', '3000', '0'), on('node2', '3000', '5000')], { node1: 57, node2: 45 }],
  ['resources requested, pods scheduled with resources, differently sized nodes', twoContainers(), [capNode('node1', '10000', '20000'), capNode('node2', '10000', '50000')], [on('node1', '3000', '0'), on('node2', '3000', '5000')], { node1: 57, node2: 60 }],
  ['requested resources exceed node capacity', makePod({ containers: containers({ cpu: '3000', memory: '0' }) }), [capNode('node1', '4000', '10000'), capNode('node2', '4000', '10000')], [on('node1', '3000', '0'), on('node2', '3000', '5000')], { node1: 50, node2: 25 }],
  ['zero node resources, pods scheduled with resources', makePod(), [makeNode('node1'), makeNode('node2')], [on('node1', '3000', '0'), on('node2', '3000', '5000')], { node1: 0, node2: 0 }],
];

for (const [name, pod, nodes, pods, want] of scoreCases) {
  test(`NodeResourcesFit Score (LeastAllocated): ${name}`, () => {
    assert.deepEqual(runScore(cluster(nodes, pods), nodeResourcesFit, pod), want);
  });
}
