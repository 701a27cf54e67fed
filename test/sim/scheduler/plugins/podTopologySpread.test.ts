// PodTopologySpread Filter: cases after upstream
// pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go (TestSingleConstraint:
// nodes node-a/node-b in zone1, node-x/node-y in zone2, pods labelled foo; a node
// passes when matchNum(domain) + selfMatch - minMatchNum <= maxSkew). Reasons are
// ErrReasonConstraintsNotMatch and ErrReasonNodeLabelNotMatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podTopologySpread } from '../../../../server/src/sim/scheduler/plugins/podTopologySpread';
import { cluster, makeNode, makePod, runFilter, statusOf } from './harness';

const NOT_MATCH = { code: 'Unschedulable', reasons: ["node(s) didn't match pod topology spread constraints"] };
const NO_LABEL = { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"] };
const nodes = () => [
  makeNode('node-a', { labels: { zone: 'zone1', node: 'node-a' } }),
  makeNode('node-b', { labels: { zone: 'zone1', node: 'node-b' } }),
  makeNode('node-x', { labels: { zone: 'zone2', node: 'node-x' } }),
  makeNode('node-y', { labels: { zone: 'zone2', node: 'node-y' } }),
];
const fooPod = (node: string) => makePod({ nodeName: node }, { labels: { foo: '' } });
const spread = (maxSkew: number, topologyKey: string, extra: Record<string, unknown> = {}) =>
  makePod({ topologySpreadConstraints: [{ maxSkew, topologyKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] }, ...extra }] }, { labels: { foo: '' } });

function verdicts(pod: ReturnType<typeof makePod>, existing: ReturnType<typeof makePod>[], nodeList = nodes()): Record<string, unknown> {
  const s = cluster(nodeList, existing);
  return Object.fromEntries(nodeList.map((n) => [n.metadata.name, statusOf(runFilter(s, podTopologySpread, pod, n.metadata.name))]));
}

test('PodTopologySpread Filter: no existing pods', () => {
  assert.deepEqual(verdicts(spread(1, 'zone'), []), { 'node-a': undefined, 'node-b': undefined, 'node-x': undefined, 'node-y': undefined });
});

test('PodTopologySpread Filter: no existing pods, incoming pod doesn\'t match itself', () => {
  const pod = makePod({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'bar', operator: 'Exists' }] } }] }, { labels: { foo: '' } });
  assert.deepEqual(verdicts(pod, []), { 'node-a': undefined, 'node-b': undefined, 'node-x': undefined, 'node-y': undefined });
});

test('PodTopologySpread Filter: existing pods in a different namespace do not count', () => {
  const other = makePod({ nodeName: 'node-a' }, { labels: { foo: '' }, namespace: 'ns1' });
  assert.deepEqual(verdicts(spread(1, 'zone'), [other, fooPod('node-x')]), { 'node-a': undefined, 'node-b': undefined, 'node-x': NOT_MATCH, 'node-y': NOT_MATCH });
});

test('PodTopologySpread Filter: pods spread across zones as 3/3, all nodes fit', () => {
  const pods = ['node-a', 'node-a', 'node-b', 'node-x', 'node-y', 'node-y'].map(fooPod);
  assert.deepEqual(verdicts(spread(1, 'zone'), pods), { 'node-a': undefined, 'node-b': undefined, 'node-x': undefined, 'node-y': undefined });
});

test('PodTopologySpread Filter: pods spread across zones as 3/1, only nodes in zone2 fit', () => {
  const pods = ['node-a', 'node-a', 'node-b', 'node-x'].map(fooPod);
  assert.deepEqual(verdicts(spread(1, 'zone'), pods), { 'node-a': NOT_MATCH, 'node-b': NOT_MATCH, 'node-x': undefined, 'node-y': undefined });
});

test('PodTopologySpread Filter: pods spread across nodes as 2/1/0/3, only node-x fits (maxSkew 1 on node)', () => {
  const pods = ['node-a', 'node-a', 'node-b', 'node-y', 'node-y', 'node-y'].map(fooPod);
  assert.deepEqual(verdicts(spread(1, 'node'), pods), { 'node-a': NOT_MATCH, 'node-b': NOT_MATCH, 'node-x': undefined, 'node-y': NOT_MATCH });
});

test('PodTopologySpread Filter: pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit', () => {
  const pods = ['node-a', 'node-a', 'node-b', 'node-y', 'node-y', 'node-y'].map(fooPod);
  assert.deepEqual(verdicts(spread(2, 'node'), pods), { 'node-a': NOT_MATCH, 'node-b': undefined, 'node-x': undefined, 'node-y': NOT_MATCH });
});

test('PodTopologySpread Filter: a node without the topology label is unresolvable', () => {
  const list = [...nodes(), makeNode('node-nolabel')];
  assert.deepEqual(verdicts(spread(1, 'zone'), [], list)['node-nolabel'], NO_LABEL);
});

test('PodTopologySpread Filter: minDomains greater than the number of domains makes the global minimum 0', () => {
  const pods = ['node-a', 'node-x'].map(fooPod);
  assert.deepEqual(verdicts(spread(1, 'zone', { minDomains: 3 }), pods), { 'node-a': NOT_MATCH, 'node-b': NOT_MATCH, 'node-x': NOT_MATCH, 'node-y': NOT_MATCH });
});
