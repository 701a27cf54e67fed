// VolumeRestrictions: scenarios after upstream
// pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions_test.go (ReadWriteOncePod).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../../server/src/sim/scheduler/framework';
import type { SchedulerLookups } from '../../../../server/src/sim/scheduler/types';
import { node, pod } from '../helpers';

const plain = { dynamicResourcesPostFilterReason: false };
const withClaim = (name: string, claim: string) => pod(name, { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] } });

test('VolumeRestrictions: ReadWriteOncePod claim in use', () => {
  const s = new Scheduler(plain);
  s.addNode(node('a'));
  const lookups: SchedulerLookups = { persistentVolumeClaim: (_ns, name) => ({ name, namespace: 'default', volumeName: 'pv', accessModes: ['ReadWriteOncePod'] }) };
  s.addPod(withClaim('owner', 'rwop'), 'a');
  assert.equal(s.schedulePod(withClaim('second', 'rwop'), lookups).failure?.message.split('. ')[0], '0/1 nodes are available: node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod');
});
