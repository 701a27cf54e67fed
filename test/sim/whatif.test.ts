// What-if operations over a simulation state (cordon, drain, fail node,
// scale), called as the panel does: pure functions returning a new state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/model/workspace';
import { defaultScheduler } from '../../server/src/sim/defaultScheduler';
import { simulate } from '../../server/src/sim/engine';
import { applyWhatIf } from '../../server/src/sim/whatif';
import { buildResult } from '../../server/src/sim/report';
import { DEFAULT_CLUSTER } from '../../server/src/sim/cluster';
import type { SimState } from '../../server/src/sim/state';

const FIX = resolve(__dirname, '../fixtures/sim');
const opts = { cluster: DEFAULT_CLUSTER, scheduler: defaultScheduler };

function load(dir: string, file: string): Workspace {
  const ws = new Workspace();
  const path = resolve(FIX, dir, file);
  ws.set(pathToFileURL(path).toString(), readFileSync(path, 'utf8'));
  return ws;
}

const report = (s: SimState) => buildResult(s, (src) => ({ file: src.uri, line: src.line + 1 }));
const podsOn = (s: SimState, node: string) => report(s).pods.filter((p) => p.node === node && p.phase === 'Running');

test('cordon keeps pods but marks the node unschedulable; the input state is unchanged', () => {
  const sim = simulate(load('pdb', 'app.yaml'), { scheduler: defaultScheduler });
  const before = JSON.stringify(report(sim.run.state));
  const r = applyWhatIf(sim.run.state, { op: 'cordon', node: 'node-2' }, opts);
  assert.equal(r.error, undefined);
  const node = report(r.state).nodes.find((n) => n.name === 'node-2')!;
  assert.equal(node.unschedulable, true);
  assert.ok(node.taints.some((t) => t.key === 'node.kubernetes.io/unschedulable' && t.effect === 'NoSchedule'));
  assert.equal(podsOn(r.state, 'node-2').length, podsOn(sim.run.state, 'node-2').length);
  assert.equal(JSON.stringify(report(sim.run.state)), before);
});

test('drain evicts controller pods, refuses bare pods, and respects a PDB with no disruptions allowed', () => {
  const sim = simulate(load('pdb', 'app.yaml'), { scheduler: defaultScheduler });
  const r = applyWhatIf(sim.run.state, { op: 'drain', node: 'node-1' }, opts);
  const left = podsOn(r.state, 'node-1').map((p) => p.name);
  assert.ok(left.includes('bare'));
  assert.ok(r.messages.some((m) => m === 'cannot delete Pods that declare no controller (use --force to override): default/bare'));
  // minAvailable 3 of 3: the web pod on node-1 cannot be evicted.
  const webLeft = left.filter((n) => n.startsWith('web-'));
  assert.equal(webLeft.length, 1);
  assert.ok(r.messages.some((m) => m.includes(`error when evicting pods/"${webLeft[0]}" -n "default": Cannot evict pod as it would violate the pod's disruption budget.`)));
  // Worker pods moved elsewhere and are running again.
  assert.equal(left.filter((n) => n.startsWith('worker-')).length, 0);
  assert.equal(report(r.state).pods.filter((p) => p.workload?.name === 'worker' && p.phase === 'Running').length, 3);
});

test('a failed node loses its pods after the toleration timeout; controllers recreate them elsewhere', () => {
  const sim = simulate(load('pdb', 'app.yaml'), { scheduler: defaultScheduler });
  const r = applyWhatIf(sim.run.state, { op: 'failNode', node: 'node-3' }, opts);
  const res = report(r.state);
  const n3 = res.nodes.find((n) => n.name === 'node-3')!;
  assert.equal(n3.ready, false);
  assert.ok(n3.taints.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute'));
  assert.equal(n3.pods.length, 0);
  assert.equal(res.pods.filter((p) => p.workload?.name === 'web' && p.phase === 'Running').length, 3);
  assert.ok(res.pods.every((p) => p.node !== 'node-3'));
  assert.ok(res.events.some((e) => e.reason === 'TaintManagerEviction'));
});

test('scale changes replicas; bad requests return an error and the same state', () => {
  const sim = simulate(load('pdb', 'app.yaml'), { scheduler: defaultScheduler });
  const up = applyWhatIf(sim.run.state, { op: 'scale', kind: 'Deployment', name: 'worker', replicas: 5 }, opts);
  assert.equal(report(up.state).pods.filter((p) => p.workload?.name === 'worker').length, 5);
  const down = applyWhatIf(up.state, { op: 'scale', kind: 'Deployment', name: 'worker', replicas: 0 }, opts);
  assert.equal(report(down.state).pods.filter((p) => p.workload?.name === 'worker').length, 0);
  const bad = applyWhatIf(sim.run.state, { op: 'scale', kind: 'Deployment', name: 'worker', replicas: -1 }, opts);
  assert.match(bad.error!, /at least 0/);
  assert.equal(bad.state, sim.run.state);
  const missing = applyWhatIf(sim.run.state, { op: 'drain', node: 'node-9' }, opts);
  assert.equal(missing.error, 'nodes "node-9" not found');
});
