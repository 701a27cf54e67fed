// NodeAffinity: cases ported from upstream
// pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinity,
// TestNodeAffinityPriority).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeAffinity } from '../../../../server/src/sim/scheduler/plugins/nodeAffinity';
import { cluster, makeNode, makePod, runFilter, runScore, statusOf } from './harness';

const NO_MATCH = { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] };
const required = (...terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

// A pod without required node affinity or nodeSelector: PreFilter returns Skip (upstream wantPreFilterStatus Skip).
const filterCases: Array<[string, Record<string, unknown>, Record<string, string>, typeof NO_MATCH | undefined | 'skip']> = [
  ['no selector', {}, {}, 'skip'],
  ['missing labels', { nodeSelector: { foo: 'bar' } }, {}, NO_MATCH],
  ['same labels', { nodeSelector: { foo: 'bar' } }, { foo: 'bar' }, undefined],
  ['node labels are superset', { nodeSelector: { foo: 'bar' } }, { foo: 'bar', baz: 'blah' }, undefined],
  ['node labels are subset', { nodeSelector: { foo: 'bar', baz: 'blah' } }, { foo: 'bar' }, NO_MATCH],
  ['Pod with matchExpressions using In operator that matches the existing node', required(expr('foo', 'In', ['bar', 'value2'])), { foo: 'bar' }, undefined],
  ['Pod with matchExpressions using Gt operator that matches the existing node', required(expr('kernel-version', 'Gt', ['0204'])), { 'kernel-version': '0206' }, undefined],
  ['Pod with matchExpressions using NotIn operator that matches the existing node', required(expr('mem-type', 'NotIn', ['DDR', 'DDR2'])), { 'mem-type': 'DDR3' }, undefined],
  ['Pod with matchExpressions using Exists operator that matches the existing node', required(expr('GPU', 'Exists')), { GPU: 'NVIDIA-GRID-K1' }, undefined],
  ["Pod with affinity that don't match node's labels won't schedule onto the node", required(expr('foo', 'In', ['value1', 'value2'])), { foo: 'bar' }, NO_MATCH],
  ['Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node', required({ matchExpressions: [] }), { foo: 'bar' }, NO_MATCH],
  ['Pod with no Affinity will schedule onto a node', {}, { foo: 'bar' }, 'skip'],
  ['Pod with multiple matchExpressions ANDed that matches the existing node', required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] }] }), { GPU: 'NVIDIA-GRID-K1' }, undefined],
  ["Pod with multiple matchExpressions ANDed that doesn't match the existing node", required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'In', values: ['AMD', 'INTER'] }] }), { GPU: 'NVIDIA-GRID-K1' }, NO_MATCH],
  ['Pod with multiple NodeSelectorTerms ORed in affinity, matches the node\'s labels and will schedule onto the node', required(expr('foo', 'In', ['bar', 'value2']), expr('diffkey', 'In', ['wrong', 'value2'])), { foo: 'bar' }, undefined],
  ['Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node', { nodeSelector: { foo: 'bar' }, ...required(expr('foo', 'Exists')) }, { foo: 'bar' }, undefined],
  ['Pod with an Affinity matches node\'s labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won\'t schedule onto the node', { nodeSelector: { foo: 'bar' }, ...required(expr('foo', 'Exists')) }, { foo: 'barrrrrr' }, NO_MATCH],
];

for (const [name, spec, labels, want] of filterCases) {
  test(`NodeAffinity Filter: ${name}`, () => {
    const s = cluster([makeNode('node1', { labels })]);
    assert.deepEqual(statusOf(runFilter(s, nodeAffinity, makePod(spec), 'node1')), want);
  });
}

test('NodeAffinity PreFilter: matchFields metadata.name narrows the nodes (Pod with matchFields using In operator that does not match the existing node)', () => {
  const s = cluster([makeNode('node1'), makeNode('node2')]);
  const pod = makePod(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }));
  assert.equal(runFilter(s, nodeAffinity, pod, 'node1'), undefined);
  assert.equal(runFilter(s, nodeAffinity, pod, 'node2'), 'excluded');
});

const label1 = { foo: 'bar' };
const label2 = { key: 'value' };
const label3 = { az: 'az1' };
const label5 = { foo: 'bar', key: 'value', az: 'az1' };
const preferred = (...terms: Array<[number, unknown[]]>) => ({
  affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms.map(([weight, matchExpressions]) => ({ weight, preference: { matchExpressions } })) } },
});
const affinity1 = preferred([2, [{ key: 'foo', operator: 'In', values: ['bar'] }]]);
const affinity2 = preferred(
  [2, [{ key: 'foo', operator: 'In', values: ['bar'] }]],
  [4, [{ key: 'key', operator: 'In', values: ['value'] }]],
  [5, [{ key: 'foo', operator: 'In', values: ['bar'] }, { key: 'key', operator: 'In', values: ['value'] }, { key: 'az', operator: 'In', values: ['az1'] }]],
);

test('NodeAffinity Score: all nodes are same priority as NodeAffinity is nil', () => {
  const s = cluster([makeNode('node1', { labels: label1 }), makeNode('node2', { labels: label2 }), makeNode('node3', { labels: label3 })]);
  // PreScore skips a pod without preferred terms: the plugin adds 0 to every node.
  assert.equal(runScore(s, nodeAffinity, makePod()), 'skip');
});

test('NodeAffinity Score: only node1 matches the preferred scheduling requirements of pod', () => {
  const s = cluster([makeNode('node1', { labels: label1 }), makeNode('node2', { labels: label2 }), makeNode('node3', { labels: label3 })]);
  assert.deepEqual(runScore(s, nodeAffinity, makePod(affinity1)), { node1: 100, node2: 0, node3: 0 });
});

test('NodeAffinity Score: all nodes matches the preferred scheduling requirements of pod but with different priorities', () => {
  const s = cluster([makeNode('node1', { labels: label1 }), makeNode('node5', { labels: label5 }), makeNode('node2', { labels: label2 })]);
  assert.deepEqual(runScore(s, nodeAffinity, makePod(affinity2)), { node1: 18, node5: 100, node2: 36 });
});
