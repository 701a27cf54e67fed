import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deprecationStatus, versionAtMost } from '../../server/src/schema/deprecations';

test('deprecation status follows the Kubernetes version', () => {
  assert.ok(versionAtMost('1.9', '1.22'));
  assert.ok(!versionAtMost('1.25', '1.9'));
  assert.equal(deprecationStatus('batch', 'v1beta1', 'CronJob', '1.36')?.status, 'removed');
  assert.equal(deprecationStatus('batch', 'v1beta1', 'CronJob', '1.24')?.status, 'deprecated');
  assert.equal(deprecationStatus('batch', 'v1beta1', 'CronJob', '1.20'), undefined);
  assert.equal(deprecationStatus('batch', 'v1', 'CronJob', '1.36'), undefined);
  assert.equal(deprecationStatus('storage.k8s.io', 'v1beta1', 'VolumeAttributesClass', '1.36'), undefined, 'still served in 1.36');
});
