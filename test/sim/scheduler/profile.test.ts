// The scheduler profile (server/src/sim/scheduler/profile.ts): the default mirrors
// kube-scheduler v1.36 (pkg/scheduler/apis/config/v1/default_plugins.go, expanded as in
// apis/config/testing/defaults/defaults.go), and a custom profile changes behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../server/src/sim/scheduler/framework';
import { customProfile, DEFAULT_PROFILE, NOT_SIMULATED, PLUGIN_REGISTRY, resolveProfile } from '../../../server/src/sim/scheduler/profile';
import { node, pod } from './helpers';

test('default profile: v1.36 score weights and filter order', () => {
  assert.deepEqual(
    DEFAULT_PROFILE.plugins.score.map((s) => `${s.name}:${s.weight}`),
    ['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'VolumeBinding:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'DynamicResources:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1'],
  );
  assert.deepEqual(DEFAULT_PROFILE.plugins.filter.slice(0, 6), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit']);
  assert.deepEqual(DEFAULT_PROFILE.plugins.postFilter, ['DynamicResources', 'DefaultPreemption']);
  assert.equal(DEFAULT_PROFILE.percentageOfNodesToScore, 0);
  // Every name resolves: to an implementation, or to a documented reason it is not simulated.
  for (const names of Object.values(DEFAULT_PROFILE.plugins)) {
    for (const n of names as Array<string | { name: string }>) {
      const name = typeof n === 'string' ? n : n.name;
      assert.ok(PLUGIN_REGISTRY.has(name) || NOT_SIMULATED.has(name), name);
    }
  }
  const r = resolveProfile(DEFAULT_PROFILE);
  assert.deepEqual(r.filter.map((p) => p.name), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity']);
  assert.equal(r.queueSort.name, 'PrioritySort');
});

test('custom profile: a changed score weight changes the placement', () => {
  // "spot" has a PreferNoSchedule taint but a wanted label: TaintToleration (weight 3, 100 points
  // on the other node) outweighs NodeAffinity (weight 2) by default; at NodeAffinity weight 4 it wins.
  const build = (opts = {}) => {
    const s = new Scheduler(opts);
    s.addNode(node('plain'));
    s.addNode(node('spot', { labels: { fast: 'yes' }, taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }));
    return s;
  };
  const pref = { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'fast', operator: 'Exists' }] } }] } } };
  assert.equal(build().schedulePod(pod('p', { spec: pref })).node, 'plain');
  const heavier = build({ profile: customProfile({ weights: { NodeAffinity: 4 } }) });
  const r = heavier.schedulePod(pod('p', { spec: pref }), {}, { explain: true });
  assert.equal(r.node, 'spot');
  assert.equal(r.scores!.find((x) => x.node === 'spot')!.plugins.NodeAffinity, 400);
});

test('custom profile: a disabled plugin no longer filters or scores', () => {
  const s = new Scheduler({ profile: customProfile({ disabled: ['TaintToleration'] }) });
  s.addNode(node('tainted', { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] }));
  const r = s.schedulePod(pod('p'), {}, { explain: true });
  assert.equal(r.node, 'tainted');
  const d = new Scheduler();
  d.addNode(node('tainted', { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] }));
  assert.match(d.schedulePod(pod('p')).failure!.message, /untolerated taint/);
  // Without DefaultPreemption the FitError carries only DynamicResources' PostFilter reason.
  const np = new Scheduler({ profile: customProfile({ disabled: ['DefaultPreemption'] }) });
  np.addNode(node('small', { cpu: '1' }));
  assert.equal(np.schedulePod(pod('big', { cpu: '2' })).failure?.message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate');
});

test('custom profile: percentageOfNodesToScore is read from the profile', () => {
  const s = new Scheduler({ profile: customProfile({ percentageOfNodesToScore: 10 }) });
  for (let i = 0; i < 200; i++) s.addNode(node(`n${String(i).padStart(3, '0')}`));
  const r = s.schedulePod(pod('a'));
  // 10% of 200 = 20, raised to the minimum of 100 feasible nodes (minFeasibleNodesToFind).
  assert.equal(r.node !== undefined && r.evaluatedNodes, 100);
  const t = new Scheduler({ profile: customProfile({ percentageOfNodesToScore: 100 }) });
  for (let i = 0; i < 200; i++) t.addNode(node(`n${String(i).padStart(3, '0')}`));
  const r2 = t.schedulePod(pod('b'));
  assert.equal(r2.node !== undefined && r2.evaluatedNodes, 200);
});

test('a profile naming an unknown plugin or a bad weight is a clear error', () => {
  const bad = customProfile({});
  bad.plugins.filter.push('NoSuchPlugin');
  assert.throws(() => new Scheduler({ profile: bad }), /plugin "NoSuchPlugin" at filter is not known to the simulator/);
  assert.throws(() => new Scheduler({ profile: customProfile({ weights: { ImageLocality: 0 } }) }), /score weight of "ImageLocality" must be an integer in \[1, 100\], got 0/);
  const noSort = customProfile({ disabled: ['PrioritySort'] });
  assert.throws(() => new Scheduler({ profile: noSort }), /exactly one queueSort plugin/);
});
