// NodeUnschedulable: cases ported from upstream
// pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go (TestNodeUnschedulable).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeUnschedulable } from '../../../../server/src/sim/scheduler/plugins/simple';
import { PodInfoTable } from '../../../../server/src/sim/scheduler/nodeinfo';
import { cluster, makeNode, makePod, runFilter, statusOf } from './harness';

/** The pod views of this file's pods (a run's table, as sim/driver.ts keeps one). */
const podInfos = new PodInfoTable();
const podInfoFor = (pod: Parameters<PodInfoTable['get']>[0]) => podInfos.get(pod);

const cases: Array<[string, unknown[], boolean, unknown]> = [
  ['Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', [], true, { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] }],
  ['Schedule pod to normal node', [], false, undefined],
  ['Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)', [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }], true, undefined],
];

for (const [name, tolerations, unschedulable, want] of cases) {
  test(`NodeUnschedulable Filter: ${name}`, () => {
    const s = cluster([makeNode('n', { unschedulable })]);
    assert.deepEqual(statusOf(runFilter(s, nodeUnschedulable, makePod({ tolerations }), 'n')), want);
  });
}

test('NodeUnschedulable is left out of the Filter loop while no node is unschedulable', () => {
  const s = cluster([makeNode('n')]);
  assert.equal(nodeUnschedulable.filterRelevant!(podInfoFor(makePod()), s.cycleContext()), false);
  s.addNode(makeNode('cordoned', { unschedulable: true }));
  assert.equal(nodeUnschedulable.filterRelevant!(podInfoFor(makePod()), s.cycleContext()), true);
});
