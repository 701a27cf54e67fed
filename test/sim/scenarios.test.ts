// Scenario tests for the simulator: each fixture folder is run through the
// built CLI (`node dist/cli.js simulate <dir> --json`) and its placements,
// messages and events are checked against what Kubernetes does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = resolve(ROOT, 'dist/cli.js');
const FIX = resolve(__dirname, '../fixtures/sim');

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'simulate', ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function simulateJson(...args: string[]): any {
  const r = run([...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('deployment + service: 3 pods spread over 3 nodes, named after the template hash, endpoints resolve the named port', () => {
  const r = simulateJson(resolve(FIX, 'deployment-service'));
  assert.equal(r.nodes.length, 3);
  assert.deepEqual(r.nodes.map((n: any) => n.name), ['node-1', 'node-2', 'node-3']);
  assert.deepEqual(r.nodes[0].allocatable, { cpu: 4000, memory: 16 * 1024 ** 3, pods: 110 });
  const pods = r.pods.filter((p: any) => p.owner?.kind === 'ReplicaSet');
  assert.equal(pods.length, 3);
  const rs = pods[0].owner.name;
  assert.match(rs, /^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  for (const p of pods) {
    assert.match(p.name, new RegExp(`^${rs}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(p.phase, 'Running');
    assert.equal(p.qosClass, 'Burstable');
    assert.deepEqual(p.workload, { kind: 'Deployment', name: 'web' });
    assert.equal(p.source.file.endsWith('app.yaml'), true);
    assert.equal(p.source.line, 1);
  }
  // Spread: one pod per node (equal scores, topology spread defaults).
  assert.deepEqual(r.nodes.map((n: any) => n.pods.length), [1, 1, 1]);
  assert.deepEqual(r.nodes.map((n: any) => n.requested.cpu), [500, 500, 500]);
  const svc = r.services.find((s: any) => s.name === 'web');
  assert.equal(svc.type, 'ClusterIP');
  assert.match(svc.clusterIP, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
  assert.equal(svc.endpoints.length, 3);
  assert.ok(svc.endpoints.every((e: any) => e.port === 80 && /^10\.244\.\d\.\d+$/.test(e.ip)));
  const scaling = r.events.find((e: any) => e.reason === 'ScalingReplicaSet');
  assert.equal(scaling.message, `Scaled up replica set ${rs} from 0 to 3`);
  assert.equal(scaling.object, 'deployment/web');
  assert.ok(r.events.some((e: any) => e.reason === 'Scheduled' && /^Successfully assigned default\/web-\S+ to node-\d$/.test(e.message)));
  assert.equal(r.events.filter((e: any) => e.reason === 'SuccessfulCreate' && e.object === `replicaset/${rs}`).length, 3);
  // Deterministic: a second run gives identical output.
  assert.deepEqual(simulateJson(resolve(FIX, 'deployment-service')), r);
});

test('API server rejections carry the kubectl apply wording', () => {
  // --strict-namespaces: an undefined namespace is rejected as on an empty cluster.
  const r = simulateJson(resolve(FIX, 'rejected'), '--strict-namespaces');
  const msg = (name: string) => r.rejected.find((x: any) => x.name === name)?.message;
  assert.equal(msg('web'), 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`');
  assert.equal(msg('second'), 'The Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  assert.match(msg('Bad_Name'), /^The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  assert.equal(msg('negative'), 'The Deployment "negative" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  assert.equal(msg('lost'), 'namespaces "nowhere" not found');
  assert.match(msg('huge'), /limit of 200000 pods/);
  const first = r.services.find((s: any) => s.name === 'first');
  assert.equal(first.ports[0].nodePort, 30080);
  assert.equal(r.pods.length, 0);
});

test('admission: LimitRange defaults and max, ResourceQuota count, unknown PriorityClass', () => {
  const r = simulateJson(resolve(FIX, 'admission'));
  const api = r.pods.filter((p: any) => p.namespace === 'team' && p.workload?.name === 'api');
  assert.equal(api.length, 2, 'quota allows 2 pods');
  assert.ok(api.every((p: any) => p.qosClass === 'Burstable'), 'LimitRange default requests/limits applied');
  const n = r.nodes.find((x: any) => x.pods.includes(`team/${api[0].name}`));
  assert.equal(n.requested.cpu, 100);
  const failed = r.events.filter((e: any) => e.reason === 'FailedCreate');
  assert.ok(failed.some((e: any) => /^Error creating: pods "api-\S+" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=2, limited: pods=2$/.test(e.message)));
  assert.ok(failed.some((e: any) => /is forbidden: maximum cpu usage per Container is 1, but limit is 2$/.test(e.message)));
  assert.ok(failed.some((e: any) => /is forbidden: no PriorityClass with name does-not-exist was found$/.test(e.message)));
  assert.ok(failed.every((e: any) => e.type === 'Warning'));
});

test('unschedulable pods report the scheduler message; feasible ones are placed', () => {
  const r = simulateJson(resolve(FIX, 'unschedulable'));
  const big = r.pods.filter((p: any) => p.workload?.name === 'big');
  assert.equal(big.length, 2);
  assert.ok(big.every((p: any) => p.node && p.phase === 'Running'));
  assert.notEqual(big[0].node, big[1].node, 'two 3-CPU pods cannot share a 4-CPU node');
  const tooBig = r.pods.find((p: any) => p.name === 'too-big');
  assert.equal(tooBig.node, null);
  assert.equal(tooBig.phase, 'Pending');
  assert.equal(tooBig.reason, 'Unschedulable');
  assert.match(tooBig.message, /^0\/3 nodes are available: 3 Insufficient cpu\./);
  const ev = r.events.find((e: any) => e.reason === 'FailedScheduling');
  assert.equal(ev.object, 'pod/too-big');
  assert.equal(ev.type, 'Warning');
});

test('statefulset: ordinal pods, claims per ordinal provisioned after WaitForFirstConsumer, headless service', () => {
  const r = simulateJson(resolve(FIX, 'statefulset'));
  assert.deepEqual(r.pods.map((p: any) => p.name), ['db-0', 'db-1', 'db-2']);
  assert.ok(r.pods.every((p: any) => p.phase === 'Running'));
  assert.deepEqual(r.persistentVolumeClaims.map((c: any) => [c.name, c.phase, c.storageClass]), [
    ['data-db-0', 'Bound', 'standard'],
    ['data-db-1', 'Bound', 'standard'],
    ['data-db-2', 'Bound', 'standard'],
  ]);
  assert.ok(r.persistentVolumeClaims.every((c: any) => /^pvc-/.test(c.volume)));
  const svc = r.services.find((s: any) => s.name === 'db');
  assert.equal(svc.clusterIP, 'None');
  assert.equal(svc.endpoints.length, 3);
  const creates = r.events.filter((e: any) => e.object === 'statefulset/db' && e.reason === 'SuccessfulCreate').map((e: any) => e.message);
  assert.deepEqual(creates.filter((m: string) => m.startsWith('create Pod')), ['create Pod db-0 in StatefulSet db successful', 'create Pod db-1 in StatefulSet db successful', 'create Pod db-2 in StatefulSet db successful']);
  assert.ok(creates.includes('create Claim data-db-0 Pod db-0 in StatefulSet db success'));
  assert.ok(r.events.some((e: any) => e.reason === 'WaitForFirstConsumer' || e.reason === 'ProvisioningSucceeded'));
});

test('daemonset: Node manifests, control-plane taint honoured, nodeSelector respected', () => {
  const r = simulateJson(resolve(FIX, 'daemonset'));
  assert.deepEqual(r.nodes.map((n: any) => n.name), ['control-plane', 'worker-a', 'worker-b']);
  assert.deepEqual(r.nodes.find((n: any) => n.name === 'worker-b').allocatable, { cpu: 7500, memory: 30 * 1024 ** 3, pods: 110 });
  const where = (ds: string) => r.pods.filter((p: any) => p.owner?.name === ds).map((p: any) => p.node).sort();
  assert.deepEqual(where('agent'), ['worker-a', 'worker-b']);
  assert.deepEqual(where('everywhere'), ['control-plane', 'worker-a', 'worker-b']);
  assert.deepEqual(where('ssd-only'), ['worker-a']);
});

test('jobs run to completion; cronjob gets its next times and a job; a job without restartPolicy is rejected', () => {
  const r = simulateJson(resolve(FIX, 'jobs'));
  const batch = r.pods.filter((p: any) => p.owner?.kind === 'Job' && p.owner.name === 'batch');
  assert.equal(batch.length, 3);
  assert.ok(batch.every((p: any) => p.phase === 'Succeeded'));
  assert.ok(r.events.some((e: any) => e.object === 'job/batch' && e.reason === 'Completed' && e.message === 'Job completed'));
  const cj = r.cronJobs.find((c: any) => c.name === 'nightly');
  assert.deepEqual(cj.nextScheduleTimes, ['2025-01-01T02:30:00Z', '2025-01-02T02:30:00Z', '2025-01-03T02:30:00Z']);
  const minutes = Date.UTC(2025, 0, 1, 2, 30) / 60000;
  assert.ok(r.events.some((e: any) => e.object === 'cronjob/nightly' && e.message === `Created job nightly-${minutes}`));
  assert.equal(r.rejected[0].message, 'The Job "bad-restart" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
});

test('hpa clamps the target to minReplicas', () => {
  const r = simulateJson(resolve(FIX, 'hpa'));
  assert.equal(r.pods.filter((p: any) => p.workload?.name === 'api').length, 3);
  assert.ok(r.events.some((e: any) => e.reason === 'SuccessfulRescale' && e.message === 'New size: 3; reason: Current number of replicas below Spec.MinReplicas'));
});

test('volumes: smallest matching PV bound by selector; an unmatched claim keeps its pod pending', () => {
  const r = simulateJson(resolve(FIX, 'volumes'));
  const claim = r.persistentVolumeClaims.find((c: any) => c.name === 'claim');
  assert.equal(claim.phase, 'Bound');
  assert.equal(claim.volume, 'large', '1Gi is too small for 5Gi');
  assert.equal(r.persistentVolumeClaims.find((c: any) => c.name === 'orphan').phase, 'Pending');
  assert.equal(r.pods.find((p: any) => p.name === 'user').phase, 'Running');
  const waiting = r.pods.find((p: any) => p.name === 'waiting');
  assert.equal(waiting.node, null);
  assert.match(waiting.message, /pod has unbound immediate PersistentVolumeClaims/);
});

test('baseline: changes listed and the rolling update given step by step within maxSurge/maxUnavailable', () => {
  const r = simulateJson(resolve(FIX, 'rollout/current'), '--baseline', resolve(FIX, 'rollout/baseline'));
  assert.deepEqual(r.changes.map((c: any) => [c.change, c.kind, c.name]), [['changed', 'Deployment', 'web'], ['removed', 'ConfigMap', 'old-config']]);
  const ro = r.rollouts.find((x: any) => x.name === 'web');
  assert.equal(ro.maxSurge, 1); // 25% of 4, rounded up
  assert.equal(ro.maxUnavailable, 1); // 25% of 4, rounded down
  assert.deepEqual(ro.steps, [
    { newReplicas: 0, oldReplicas: 4 },
    { newReplicas: 1, oldReplicas: 4 },
    { newReplicas: 1, oldReplicas: 2 },
    { newReplicas: 3, oldReplicas: 2 },
    { newReplicas: 3, oldReplicas: 0 },
    { newReplicas: 4, oldReplicas: 0 },
  ]);
  for (const s of ro.steps) assert.ok(s.newReplicas + s.oldReplicas <= 5);
  assert.equal(ro.complete, true);
  assert.equal(r.pods.length, 4);
});

test('a rollout that lacks capacity stalls and says why', () => {
  // The new template asks for 3 CPUs; the nodes have 2.
  const r = simulateJson(resolve(FIX, 'rollout/bigger'), '--baseline', resolve(FIX, 'rollout/baseline'), '--node-cpu', '2');
  const ro = r.rollouts.find((x: any) => x.name === 'web');
  assert.equal(ro.complete, false);
  // One surge pod is created; maxUnavailable 1 lets one old pod go; then nothing can progress.
  assert.deepEqual(ro.steps.at(-1), { newReplicas: 2, oldReplicas: 3 });
  assert.match(ro.stalled, /Insufficient cpu/);
});

test('unusable input exits 2 with a clear message', () => {
  const tooMany = run([resolve(FIX, 'deployment-service'), '--nodes', '100000']);
  assert.equal(tooMany.code, 2);
  assert.match(tooMany.stderr, /--nodes 100000 is more than the simulator supports/);
  const badCpu = run([resolve(FIX, 'deployment-service'), '--node-cpu', 'lots']);
  assert.equal(badCpu.code, 2);
  assert.match(badCpu.stderr, /--node-cpu "lots" is not a positive CPU quantity/);
  const missing = run([resolve(FIX, 'does-not-exist')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or directory/);
});

test('text report lists nodes, pending pods and rejections', () => {
  const r = run([resolve(FIX, 'unschedulable')]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /NODES\n {2}node-1 \(zone-a\): cpu 3\/4 \(75%\)/);
  assert.match(r.stdout, /PENDING PODS\n {2}default\/too-big \(.*big\.yaml:19\): Unschedulable: 0\/3 nodes are available/);
});
