// InterPodAffinity: scheduling scenarios (whole cycles) and Filter cases after upstream
// pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go (TestRequiredAffinitySingleNode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../../server/src/sim/scheduler/framework';
import { node, pod } from '../helpers';
import { interPodAffinity } from '../../../../server/src/sim/scheduler/plugins/interPodAffinity';
import { cluster, makeNode, makePod, runFilter, statusOf } from './harness';

const plain = { dynamicResourcesPostFilterReason: false };
const antiSelf = (app: string) => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } }] } } });

test('required anti-affinity: one per node, then the exact message', () => {
  const s = new Scheduler(plain);
  s.addNode(node('n1'));
  s.addNode(node('n2'));
  s.addNode(node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }));
  for (const name of ['a', 'b']) {
    const p = pod(name, { labels: { app: 'x' }, spec: antiSelf('x') });
    const r = s.schedulePod(p);
    assert.ok(r.node);
    s.assumePod(p, r.node);
  }
  const r = s.schedulePod(pod('c', { labels: { app: 'x' }, spec: antiSelf('x') }));
  assert.equal(
    r.failure?.message,
    "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
  );
});

test("existing pods' anti-affinity keeps matching pods away", () => {
  const s = new Scheduler(plain);
  s.addNode(node('n1'));
  s.addNode(node('n2'));
  s.addPod(pod('guard', { labels: { app: 'guard' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'noisy' } } }] } } } }), 'n1');
  assert.equal(s.schedulePod(pod('noisy', { labels: { app: 'noisy' } })).node, 'n2');
  s.removeNode('n2');
  assert.equal(s.schedulePod(pod('noisy2', { labels: { app: 'noisy' } })).failure?.message.split('.')[0], "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules");
});

test('required pod affinity: co-locate with a matching pod; first pod of a self-affine group may go anywhere', () => {
  const s = new Scheduler(plain);
  s.addNode(node('n1', { labels: { zone: 'a' } }));
  s.addNode(node('n2', { labels: { zone: 'b' } }));
  s.addPod(pod('cache', { labels: { app: 'cache' } }), 'n2');
  const aff = (app: string) => ({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { app } } }] } } });
  assert.equal(s.schedulePod(pod('web', { spec: aff('cache') })).node, 'n2');
  const r = s.schedulePod(pod('lonely', { spec: aff('missing') }));
  assert.equal(r.failure?.message, "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  assert.ok(s.schedulePod(pod('self', { labels: { app: 'self' }, spec: aff('self') })).node);
});

test('preferred anti-affinity spreads; preferred affinity attracts', () => {
  const s = new Scheduler();
  s.addNode(node('n1'));
  s.addNode(node('n2'));
  s.addPod(pod('db', { labels: { app: 'db' } }), 'n1');
  const pref = (kind: 'podAffinity' | 'podAntiAffinity') => ({ affinity: { [kind]: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } } }] } } });
  const near = s.schedulePod(pod('near', { spec: pref('podAffinity') }), {}, { explain: true });
  assert.equal(near.node, 'n1');
  assert.equal(near.scores!.find((x) => x.node === 'n1')!.plugins.InterPodAffinity, 200);
  assert.equal(s.schedulePod(pod('far', { spec: pref('podAntiAffinity') })).node, 'n2');
});

const labelsSP = { service: 'securityscan', version: 'v1' };
const term = (key: string, operator: string, values: string[], topologyKey = 'region') => ({ labelSelector: { matchExpressions: [{ key, operator, values }] }, topologyKey });
const requiredAffinity = (...terms: unknown[]) => ({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } } });
const requiredAnti = (...terms: unknown[]) => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } } });
const node1 = () => makeNode('machine1', { labels: { region: 'r1', zone: 'z11' } });
const existing = (spec: Record<string, unknown> = {}) => makePod({ nodeName: 'machine1', ...spec }, { labels: labelsSP });

const affinityCases: Array<[string, Record<string, unknown>, ReturnType<typeof makePod>[], unknown]> = [
  ['A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods', {}, [], 'skip'],
  ['satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod', requiredAffinity(term('service', 'In', ['securityscan', 'value2'])), [existing()], undefined],
  ['satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod', requiredAffinity(term('service', 'NotIn', ['securityscan3', 'value3'])), [existing()], undefined],
  ["Does not satisfy the PodAffinity with labelSelector because of diff Namespace", requiredAffinity({ ...term('service', 'In', ['securityscan', 'value2']), namespaces: ['DiffNameSpace'] }), [existing()], { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod affinity rules"] }],
  ["Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod", requiredAffinity(term('service', 'In', ['antivirusscan', 'value2'])), [existing()], { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod affinity rules"] }],
  ['satisfies the PodAffinity and PodAntiAffinity with the existing pod', { affinity: { ...requiredAffinity(term('service', 'In', ['securityscan', 'value2'])).affinity, ...requiredAnti(term('service', 'In', ['antivirusscan', 'value2'], 'node')).affinity } }, [existing()], undefined],
  ["satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod", { affinity: { ...requiredAffinity(term('service', 'In', ['securityscan', 'value2'])).affinity, ...requiredAnti(term('service', 'In', ['securityscan', 'value2'], 'zone')).affinity } }, [existing()], { code: 'Unschedulable', reasons: ["node(s) didn't match pod anti-affinity rules"] }],
  ["satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod", requiredAffinity(term('service', 'In', ['securityscan', 'value2'])), [existing(requiredAnti(term('service', 'In', ['securityscan', 'value2'], 'zone')))], { code: 'Unschedulable', reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"] }],
];

for (const [name, spec, pods, want] of affinityCases) {
  test(`InterPodAffinity Filter: ${name}`, () => {
    const s = cluster([node1()], pods);
    const incoming = makePod(spec, { labels: labelsSP });
    assert.deepEqual(statusOf(runFilter(s, interPodAffinity, incoming, 'machine1')), want);
  });
}
