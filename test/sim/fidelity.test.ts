// Simulator fidelity: minReadySeconds, StatefulSet partition/maxUnavailable and
// CronJob concurrencyPolicy/suspend/startingDeadlineSeconds, each checked
// through the built CLI's --json output against what the upstream controllers do.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = resolve(ROOT, 'dist/cli.js');
const FIX = resolve(__dirname, '../fixtures/sim');

function simulateJson(...args: string[]): any {
  const r = spawnSync(process.execPath, [CLI, 'simulate', ...args, '--json'], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('minReadySeconds: a rollout waits for new pods to be available 30 s before scaling old ones down', () => {
  const r = simulateJson(resolve(FIX, 'fidelity/minready-current'), '--baseline', resolve(FIX, 'fidelity/minready-baseline'));
  const ro = r.rollouts.find((x: any) => x.name === 'web');
  assert.equal(ro.minReadySeconds, 30);
  assert.equal(ro.maxSurge, 1);
  assert.equal(ro.maxUnavailable, 1);
  // Without minReadySeconds the same change goes 1/4, 1/2, 3/2, 3/0, 4/0 at once (scenarios.test.ts):
  // here each surge pod holds the old side until it has been Ready for 30 s.
  assert.deepEqual(ro.steps, [
    { newReplicas: 0, oldReplicas: 4 },
    { newReplicas: 1, oldReplicas: 4 },
    { newReplicas: 1, oldReplicas: 3 },
    { newReplicas: 2, oldReplicas: 3 },
    { newReplicas: 2, oldReplicas: 1 },
    { newReplicas: 4, oldReplicas: 1 },
    { newReplicas: 4, oldReplicas: 0 },
  ]);
  assert.equal(ro.complete, true);
  assert.equal(ro.durationSeconds, 60);
  const plain = simulateJson(resolve(FIX, 'rollout/current'), '--baseline', resolve(FIX, 'rollout/baseline'));
  const plainRollout = plain.rollouts.find((x: any) => x.name === 'web');
  assert.equal(plainRollout.minReadySeconds, 0);
  assert.equal(plainRollout.durationSeconds, 0);
  assert.equal(r.pods.length, 4);
  assert.ok(r.pods.every((p: any) => p.phase === 'Running' && p.owner.name === ro.newReplicaSet));
  // The readable report says how long the rollout took, and why.
  const text = spawnSync(process.execPath, [CLI, 'simulate', resolve(FIX, 'fidelity/minready-current'), '--baseline', resolve(FIX, 'fidelity/minready-baseline')], { encoding: 'utf8', cwd: ROOT });
  assert.match(text.stdout, /default\/web \(RollingUpdate, maxSurge 1, maxUnavailable 1\):\n(    step \d: new \d, old \d\n){7}    complete after 60s simulated \(minReadySeconds 30\)/);
});

test('StatefulSet rolling update: ordinals >= partition, highest first, maxUnavailable at a time, minReadySeconds respected', () => {
  const r = simulateJson(resolve(FIX, 'fidelity/sts-current'), '--baseline', resolve(FIX, 'fidelity/sts-baseline'));
  const sts = r.events.filter((e: any) => e.object === 'statefulset/db').map((e: any) => e.message.replace(/ in StatefulSet db successful$/, ''));
  // maxUnavailable 2 takes db-4 and db-3 together; db-4 is then still inside its
  // 10 s minReadySeconds, so only one more (db-2) may go, then db-1. partition 1 keeps db-0.
  assert.deepEqual(sts, [
    'delete Pod db-4',
    'delete Pod db-3',
    'create Pod db-3',
    'create Pod db-4',
    'delete Pod db-2',
    'create Pod db-2',
    'delete Pod db-1',
    'create Pod db-1',
  ]);
  assert.equal(r.pods.filter((p: any) => p.phase === 'Running').length, 5);
});

test('CronJob concurrencyPolicy: Allow overlaps, Forbid waits, Replace deletes; startingDeadlineSeconds skips a late run; suspend starts nothing', () => {
  const r = simulateJson(resolve(FIX, 'fidelity/cron'));
  // Each Job needs 3 pods one after another (90 s); the schedule fires every 60 s.
  const of = (cj: string) => r.events.filter((e: any) => e.object === `cronjob/${cj}`).map((e: any) => `${e.reason}: ${e.message}`);
  const at = (cj: string, minute: number) => `${cj}-${28928160 + minute}`;
  assert.deepEqual(of('allow'), [1, 2, 3].map((m) => `SuccessfulCreate: Created job ${at('allow', m)}`));
  assert.deepEqual(of('replace'), [
    `SuccessfulCreate: Created job ${at('replace', 1)}`,
    `SuccessfulDelete: Deleted job ${at('replace', 1)}`,
    `SuccessfulCreate: Created job ${at('replace', 2)}`,
    `SuccessfulDelete: Deleted job ${at('replace', 2)}`,
    `SuccessfulCreate: Created job ${at('replace', 3)}`,
  ]);
  const forbid = of('forbid');
  assert.deepEqual(forbid, [
    `SuccessfulCreate: Created job ${at('forbid', 1)}`,
    'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
    `SuccessfulCreate: Created job ${at('forbid', 2)}`,
    `SuccessfulCreate: Created job ${at('forbid', 3)}`,
  ]);
  assert.equal(r.events.find((e: any) => e.object === 'cronjob/forbid' && e.reason === 'JobAlreadyActive').count, 2);
  // Forbid never runs two Jobs at once: each Job completes before the next is created.
  const order = r.events.map((e: any) => `${e.object} ${e.reason} ${e.message}`);
  for (const m of [1, 2]) {
    const done = order.indexOf(`job/${at('forbid', m)} Completed Job completed`);
    const next = order.indexOf(`cronjob/forbid SuccessfulCreate Created job ${at('forbid', m + 1)}`);
    assert.ok(done >= 0 && done < next, `forbid job ${m} completes before job ${m + 1} starts`);
  }
  assert.deepEqual(of('late'), [
    `SuccessfulCreate: Created job ${at('late', 1)}`,
    'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
    'MissSchedule: Missed scheduled time to start a job: Wed, 01 Jan 2025 00:02:00 +0000',
  ]);
  assert.deepEqual(of('paused'), []);
  assert.equal(r.pods.filter((p: any) => p.owner?.name?.startsWith('paused')).length, 0);
  // Replace deleted two Jobs with their pods; Allow ran 3 Jobs of 3 pods.
  assert.equal(r.pods.filter((p: any) => p.owner?.name?.startsWith('allow-')).length, 9);
});
