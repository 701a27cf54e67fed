// VolumeBinding: scenarios after upstream
// pkg/scheduler/framework/plugins/volumebinding/volume_binding_test.go (missing claim, unbound
// immediate claim, PV node affinity, WaitForFirstConsumer); messages from binder.go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../../server/src/sim/scheduler/framework';
import type { SchedulerLookups } from '../../../../server/src/sim/scheduler/types';
import { node, pod } from '../helpers';

const plain = { dynamicResourcesPostFilterReason: false };
const withClaim = (name: string, claim: string) => pod(name, { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] } });

test('VolumeBinding: missing claim, unbound immediate claim, PV node affinity, WaitForFirstConsumer', () => {
  const s = new Scheduler(plain);
  s.addNode(node('a', { labels: { zone: 'z1' } }));
  s.addNode(node('b', { labels: { zone: 'z2' } }));
  const lookups: SchedulerLookups = {
    persistentVolumeClaim: (_ns, name) =>
      ({
        bound: { name, namespace: 'default', volumeName: 'pv-z2', phase: 'Bound' as const },
        pending: { name, namespace: 'default', storageClassName: 'standard', phase: 'Pending' as const },
        wait: { name, namespace: 'default', storageClassName: 'local', phase: 'Pending' as const, request: 1e9, accessModes: ['ReadWriteOnce'] },
      })[name],
    persistentVolume: (name) => (name === 'pv-z2' ? { name, nodeAffinity: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z2'] }] }] } } : undefined),
    persistentVolumes: () => [{ name: 'local-a', storageClassName: 'local', capacity: 2e9, accessModes: ['ReadWriteOnce'], nodeAffinity: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }] } }],
    storageClass: (name) => (name === 'local' ? { name, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' as const } : { name, provisioner: 'ebs', volumeBindingMode: 'Immediate' as const }),
  };
  assert.equal(s.schedulePod(withClaim('p1', 'nope'), lookups).failure?.message, '0/2 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  assert.equal(s.schedulePod(withClaim('p2', 'pending'), lookups).failure?.message.split('. ')[0], '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims');
  assert.equal(s.schedulePod(withClaim('p3', 'bound'), lookups).node, 'b');
  assert.equal(s.schedulePod(withClaim('p4', 'wait'), lookups).node, 'a');
  s.removeNode('a');
  assert.equal(s.schedulePod(withClaim('p5', 'wait'), lookups).failure?.message.split('. ')[0], "0/1 nodes are available: 1 node(s) didn't find available persistent volumes to bind");
});
