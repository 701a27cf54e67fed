// SchedulingGates (PreEnqueue): cases after upstream
// pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates_test.go (TestPreEnqueue).
// The message is the PodScheduled condition's ("Scheduling is blocked due to non-empty
// scheduling gates", pkg/scheduler/schedule_one.go), which is what users read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schedulingGates } from '../../../../server/src/sim/scheduler/plugins/simple';
import { PodInfoTable } from '../../../../server/src/sim/scheduler/nodeinfo';
import { Scheduler } from '../../../../server/src/sim/scheduler/framework';
import { makeNode, makePod } from './harness';

/** The pod views of this file's pods (a run's table, as sim/driver.ts keeps one). */
const podInfos = new PodInfoTable();
const podInfoFor = (pod: Parameters<PodInfoTable['get']>[0]) => podInfos.get(pod);

test('SchedulingGates PreEnqueue: pod does not carry scheduling gates', () => {
  assert.equal(schedulingGates.preEnqueue!(podInfoFor(makePod())), undefined);
  assert.equal(schedulingGates.preEnqueue!(podInfoFor(makePod({ schedulingGates: [] }))), undefined);
});

test('SchedulingGates PreEnqueue: pod carries scheduling gates', () => {
  const gated = makePod({ schedulingGates: [{ name: 'foo' }, { name: 'bar' }] });
  assert.equal(schedulingGates.preEnqueue!(podInfoFor(gated)), 'Scheduling is blocked due to non-empty scheduling gates');
  const s = new Scheduler();
  s.addNode(makeNode('n', { allocatable: { cpu: '1', memory: '1Gi' } }));
  assert.deepEqual(s.schedulePod(gated).failure, { message: 'Scheduling is blocked due to non-empty scheduling gates', reason: 'SchedulingGated', nodes: [] });
});
