// TaintToleration: cases ported from upstream
// pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go
// (TestTaintTolerationFilter, TestTaintTolerationScore; the Gt/Lt cases need the alpha
// TaintTolerationComparisonOperators gate, off in v1.36, and are left out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { taintToleration } from '../../../../server/src/sim/scheduler/plugins/taintToleration';
import { cluster, makeNode, makePod, runFilter, runScore, statusOf } from './harness';

const UNTOLERATED = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint(s)'] };
const withTolerations = (tolerations: unknown[]) => makePod({ tolerations });
const withTaints = (name: string, taints: unknown[]) => makeNode(name, { taints });

const filterCases: Array<[string, unknown[], unknown[], typeof UNTOLERATED | undefined]> = [
  ["A pod having no tolerations can't be scheduled onto a node with nonempty taints", [], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], UNTOLERATED],
  ['A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], undefined],
  ["A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule", [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], UNTOLERATED],
  ['A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], undefined],
  [
    'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
    [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
    [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    undefined,
  ],
  ["A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node", [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], UNTOLERATED],
  ['The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node', [{ key: 'foo', operator: 'Equal', value: 'bar' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], undefined],
  ["The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node", [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }], undefined],
  ['The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node', [], [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }], undefined],
];

for (const [name, tolerations, taints, want] of filterCases) {
  test(`TaintToleration Filter: ${name}`, () => {
    const s = cluster([withTaints('nodeA', taints)]);
    assert.deepEqual(statusOf(runFilter(s, taintToleration, withTolerations(tolerations), 'nodeA')), want);
  });
}

const prefer = (key: string, value: string) => ({ key, value, effect: 'PreferNoSchedule' });
const scoreCases: Array<[string, unknown[], Array<[string, unknown[]]>, Record<string, number>]> = [
  [
    'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
    [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
    [['nodeA', [prefer('foo', 'bar')]], ['nodeB', [prefer('foo', 'blah')]]],
    { nodeA: 100, nodeB: 0 },
  ],
  [
    'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
    [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' }],
    [['nodeA', []], ['nodeB', [prefer('cpu-type', 'arm64')]], ['nodeC', [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]]],
    { nodeA: 100, nodeB: 100, nodeC: 100 },
  ],
  [
    'the more intolerable taints a node has, the lower score it gets.',
    [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
    [['nodeA', []], ['nodeB', [prefer('cpu-type', 'arm64')]], ['nodeC', [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]]],
    { nodeA: 100, nodeB: 50, nodeC: 0 },
  ],
  [
    'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
    [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' }],
    [['nodeA', []], ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]], ['nodeC', [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]]],
    { nodeA: 100, nodeB: 100, nodeC: 0 },
  ],
  ['Default behaviour No taints and tolerations, lands on node with no taints', [], [['nodeA', []], ['nodeB', [prefer('cpu-type', 'arm64')]]], { nodeA: 100, nodeB: 0 }],
];

for (const [name, tolerations, nodes, want] of scoreCases) {
  test(`TaintToleration Score: ${name}`, () => {
    const s = cluster(nodes.map(([n, taints]) => withTaints(n, taints)));
    assert.deepEqual(runScore(s, taintToleration, withTolerations(tolerations)), want);
  });
}
