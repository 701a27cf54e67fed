// Regression guard for scheduler performance work: the complete outcome of each
// deterministic scenario (every pod's node, failure message, nomination, and
// sampled per-plugin scores) must hash to the value recorded with the original,
// un-optimised scheduler. A changed hash means a change in scheduling results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../server/src/sim/scheduler/framework';
import { benchScenario, mixedScenario } from './placementScenarios';

// Recorded from the scheduler before the throughput work (see placementScenarios.ts for what is hashed).
const EXPECTED = {
  bench100: { hash: '6eedec1cbd04ca4c857fa077b92cded2', lines: 3004 },
  bench1000: { hash: '6066e9fa3a59a22104971a69d42d6ed4', lines: 30031 },
  mixed40: { hash: 'c2e7a60e6967284edd0bb5f515335d81', lines: 1814 },
  mixed300: { hash: '551827df50739ea2ef8e7bdea73e70b1', lines: 3609 },
  mixed1200: { hash: 'ac6dcebd3b9c350eb0d78f24b73b6b56', lines: 8545 },
  mixed250p30: { hash: 'e39fa97fb06b94a79be730792dc229e0', lines: 5257 },
};

test('benchmark workload, 100 nodes / 3,000 pods: placements unchanged', () => {
  assert.deepEqual(benchScenario(Scheduler, 100), EXPECTED.bench100);
});

test('benchmark workload, 1,000 nodes / 30,000 pods (sampled scoring): placements unchanged', () => {
  assert.deepEqual(benchScenario(Scheduler, 1000), EXPECTED.bench1000);
});

test('mixed plugins with churn and preemption, 40 nodes (all nodes scored)', () => {
  assert.deepEqual(mixedScenario(Scheduler, 1, 40, 1500), EXPECTED.mixed40);
});

test('mixed plugins with churn and preemption, 300 nodes (adaptive sample)', () => {
  assert.deepEqual(mixedScenario(Scheduler, 2, 300, 3000), EXPECTED.mixed300);
});

test('mixed plugins with churn and preemption, 1,200 nodes (adaptive sample)', () => {
  assert.deepEqual(mixedScenario(Scheduler, 3, 1200, 8000), EXPECTED.mixed1200);
});

test('mixed plugins with churn, explicit percentageOfNodesToScore 30', () => {
  assert.deepEqual(mixedScenario(Scheduler, 4, 250, 4000, { percentageOfNodesToScore: 30 }), EXPECTED.mixed250p30);
});

test('the scenarios are not degenerate: most pods land, some fail, results differ per seed', () => {
  const a = mixedScenario(Scheduler, 5, 30, 300);
  const b = mixedScenario(Scheduler, 6, 30, 300);
  assert.notEqual(a.hash, b.hash);
  assert.ok(a.lines >= 300);
});
