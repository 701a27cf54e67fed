// PrioritySort (QueueSort): cases ported from upstream
// pkg/scheduler/framework/plugins/queuesort/priority_sort_test.go (TestLess). Upstream
// compares the time a pod was added to the queue; the simulator uses creationTimestamp,
// then arrival order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prioritySort } from '../../../../server/src/sim/scheduler/plugins/simple';
import { PodInfoTable } from '../../../../server/src/sim/scheduler/nodeinfo';
import { makePod } from './harness';
import { Scheduler } from '../../../../server/src/sim/scheduler/framework';
import { pod } from '../helpers';

/** The pod views of this file's pods (a run's table, as sim/driver.ts keeps one). */
const podInfos = new PodInfoTable();
const podInfoFor = (pod: Parameters<PodInfoTable['get']>[0]) => podInfos.get(pod);

const t1 = '2024-01-01T00:00:00Z';
const t2 = '2024-01-01T00:00:01Z';
const less = (a: ReturnType<typeof makePod>, b: ReturnType<typeof makePod>) => prioritySort.queueSort!(podInfoFor(a), podInfoFor(b)) < 0;

test('PrioritySort: p1.priority less than p2.priority', () => {
  assert.equal(less(makePod({ priority: 0 }, { creationTimestamp: t1 }), makePod({ priority: 100 }, { creationTimestamp: t2 })), false);
});

test('PrioritySort: p1.priority greater than p2.priority', () => {
  assert.equal(less(makePod({ priority: 100 }, { creationTimestamp: t1 }), makePod({ priority: 0 }, { creationTimestamp: t2 })), true);
});

test('PrioritySort: equal priority. p1 is added to schedulingQ earlier than p2', () => {
  assert.equal(less(makePod({ priority: 100 }, { creationTimestamp: t1 }), makePod({ priority: 100 }, { creationTimestamp: t2 })), true);
});

test('PrioritySort: equal priority. p2 is added to schedulingQ earlier than p1', () => {
  assert.equal(less(makePod({ priority: 100 }, { creationTimestamp: t2 }), makePod({ priority: 100 }, { creationTimestamp: t1 })), false);
});

test('PrioritySort through the default profile: priority, then creation time', () => {
  const a = pod('a', { priority: 0 });
  const b = pod('b', { priority: 100 });
  const c = pod('c', { priority: 100 });
  assert.deepEqual([a, c, b].sort((x, y) => new Scheduler().compareForQueue(x, y)).map((p) => p.metadata.name), ['b', 'c', 'a']);
});
