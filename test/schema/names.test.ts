import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dns1035Label, dns1123Label, dns1123Subdomain, nameRuleForKind, pathSegmentName, validateLabelKey, validateLabelValue, validateObjectName } from '../../server/src/k8s/names';
import { deprecationStatus, versionAtMost } from '../../server/src/schema/deprecations';

test('DNS-1123 labels and subdomains, DNS-1035 labels, path segments', () => {
  assert.equal(dns1123Label('web-1'), undefined);
  assert.equal(dns1123Label('1web'), undefined);
  assert.ok(dns1123Label('a.b'));
  assert.ok(dns1123Label('-a'));
  assert.ok(dns1123Label('A'));
  assert.ok(dns1123Label('a'.repeat(64)));
  assert.equal(dns1123Subdomain('a.b-c.d'), undefined);
  assert.ok(dns1123Subdomain('a..b'));
  assert.ok(dns1123Subdomain('a_b'));
  assert.ok(dns1123Subdomain('a'.repeat(254)));
  assert.equal(dns1035Label('web'), undefined);
  assert.ok(dns1035Label('1web'));
  assert.equal(pathSegmentName('system:controller:x'), undefined);
  assert.ok(pathSegmentName('a/b'));
  assert.ok(pathSegmentName('..'));
  assert.ok(pathSegmentName('50%'));
});

test('name rules per kind', () => {
  assert.equal(nameRuleForKind('', 'Namespace', true), 'dns1123-label');
  assert.equal(nameRuleForKind('', 'Service', true), 'dns1123-label');
  assert.equal(nameRuleForKind('', 'ConfigMap', true), 'dns1123-subdomain');
  assert.equal(nameRuleForKind('rbac.authorization.k8s.io', 'Role', true), 'path-segment');
  assert.equal(nameRuleForKind('policy', 'PodDisruptionBudget', true), 'path-segment');
  assert.equal(nameRuleForKind('example.com', 'Widget', false), 'dns1123-subdomain');
  assert.equal(validateObjectName('', 'Service', '80-web', true), undefined, 'Services may start with a digit since 1.36');
  assert.ok(validateObjectName('', 'Service', 'web.svc', true));
  assert.ok(validateObjectName('batch', 'CronJob', 'c'.repeat(53), true));
  assert.equal(validateObjectName('batch', 'CronJob', 'c'.repeat(52), true), undefined);
  assert.ok(validateObjectName('', 'Pod', '', true));
});

test('label keys and values', () => {
  for (const ok of ['app', 'app.kubernetes.io/name', 'example.com/a_b.c-d', 'A1']) assert.equal(validateLabelKey(ok), undefined, ok);
  for (const bad of ['', 'a/b/c', '/a', 'Example.com/a', 'a/', '-a', 'a b', 'x'.repeat(64), `${'a'.repeat(254)}/x`]) assert.ok(validateLabelKey(bad), bad);
  for (const ok of ['', 'v1', 'a-b_c.d', 'X'.repeat(63)]) assert.equal(validateLabelValue(ok), undefined, ok);
  for (const bad of ['John Doe', '-a', 'a-', 'a/b', 'X'.repeat(64)]) assert.ok(validateLabelValue(bad), bad);
});

test('deprecation status follows the Kubernetes version', () => {
  assert.ok(versionAtMost('1.9', '1.22'));
  assert.ok(!versionAtMost('1.25', '1.9'));
  assert.equal(deprecationStatus('batch', 'v1beta1', 'CronJob', '1.36')?.status, 'removed');
  assert.equal(deprecationStatus('batch', 'v1beta1', 'CronJob', '1.24')?.status, 'deprecated');
  assert.equal(deprecationStatus('batch', 'v1beta1', 'CronJob', '1.20'), undefined);
  assert.equal(deprecationStatus('batch', 'v1', 'CronJob', '1.36'), undefined);
  assert.equal(deprecationStatus('storage.k8s.io', 'v1beta1', 'VolumeAttributesClass', '1.36'), undefined, 'still served in 1.36');
});
