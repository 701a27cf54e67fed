// DynamicResources: only its PostFilter is simulated (the simulator has no ResourceClaims).
// Upstream pkg/scheduler/framework/plugins/dynamicresources/dynamicresources.go PostFilter
// answers "no new claims to deallocate" for a pod without claims; RunPostFilterPlugins
// (framework/runtime/framework.go) joins it with DefaultPreemption's reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dynamicResources } from '../../../../server/src/sim/scheduler/plugins/simple';
import { Scheduler } from '../../../../server/src/sim/scheduler/framework';
import { PodInfoTable } from '../../../../server/src/sim/scheduler/nodeinfo';
import { makeNode, makePod } from './harness';

/** The pod views of this file's pods (a run's table, as sim/driver.ts keeps one). */
const podInfos = new PodInfoTable();
const podInfoFor = (pod: Parameters<PodInfoTable['get']>[0]) => podInfos.get(pod);

test('DynamicResources PostFilter: no new claims to deallocate', () => {
  const r = dynamicResources.postFilter!(podInfoFor(makePod()), [], { allNodes: [], lookups: {}, canDryRun: true, runFilters: () => undefined });
  assert.deepEqual(r, { reasons: ['no new claims to deallocate'] });
});

test('DynamicResources PostFilter reason comes before preemption\'s in the FitError', () => {
  const s = new Scheduler();
  s.addNode(makeNode('n', { allocatable: { cpu: '1', memory: '1Gi' } }));
  const big = makePod({ containers: [{ name: 'c', image: 'img', resources: { requests: { cpu: '2' } } }] });
  assert.equal(s.schedulePod(big).failure?.message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
});
