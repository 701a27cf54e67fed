// coordination.k8s.io validation tables, ported from upstream
// pkg/apis/coordination/validation/validation_test.go (TestValidateLease,
// TestValidateLeaseSpec, TestValidateCoordinatedLeaseStrategy) with our own
// minimal objects; each case: fragment -> expected error type, path (and detail
// where upstream asserts it).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/coordination/validation/validation_test.go';
const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'kube-scheduler', namespace: 'kube-system' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 15, leaseTransitions: 3 } };

runTable('Lease', UPSTREAM, lease, [
  { name: 'valid', patch: {} },
  { name: 'empty spec', patch: { spec: null } },
  { name: 'dotted name', patch: { metadata: { name: 'lease.example' } } },
  { name: 'name not a DNS subdomain', patch: { metadata: { name: 'Lease_1' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'missing name', patch: { metadata: { name: null } }, errors: [['Required', 'metadata.name', 'name or generateName is required']] },
  { name: 'invalid namespace', patch: { metadata: { namespace: 'Kube_System' } }, errors: [['Invalid', 'metadata.namespace']] },
  { name: 'zero leaseDurationSeconds', patch: { spec: { leaseDurationSeconds: 0 } }, errors: [['Invalid', 'spec.leaseDurationSeconds', 'must be greater than 0']] },
  { name: 'negative leaseDurationSeconds', patch: { spec: { leaseDurationSeconds: -1 } }, errors: [['Invalid', 'spec.leaseDurationSeconds', 'must be greater than 0']] },
  { name: 'leaseDurationSeconds 1', patch: { spec: { leaseDurationSeconds: 1 } } },
  { name: 'negative leaseTransitions', patch: { spec: { leaseTransitions: -1 } }, errors: [['Invalid', 'spec.leaseTransitions', 'must be greater than or equal to 0']] },
  { name: 'zero leaseTransitions', patch: { spec: { leaseTransitions: 0 } } },
  { name: 'both negative', patch: { spec: { leaseDurationSeconds: -5, leaseTransitions: -5 } }, errors: [['Invalid', 'spec.leaseDurationSeconds'], ['Invalid', 'spec.leaseTransitions']] },
  { name: 'known strategy', patch: { spec: { strategy: 'OldestEmulationVersion' } } },
  { name: 'unknown single-word strategy', patch: { spec: { strategy: 'NewestEmulationVersion' } }, errors: [['NotSupported', 'spec.strategy.strategy', 'supported values: "OldestEmulationVersion"']] },
  { name: 'qualified custom strategy', patch: { spec: { strategy: 'example.com/my-strategy' } } },
  { name: 'custom strategy with a bad prefix', patch: { spec: { strategy: 'Example_com/my-strategy' } }, errors: [['Invalid', 'spec.strategy.strategy']] },
  { name: 'custom strategy with two slashes', patch: { spec: { strategy: 'a/b/c' } }, errors: [['Invalid', 'spec.strategy.strategy']] },
  { name: 'preferredHolder with strategy', patch: { spec: { strategy: 'OldestEmulationVersion', preferredHolder: 'node-2' } } },
  { name: 'preferredHolder without strategy', patch: { spec: { preferredHolder: 'node-2' } }, errors: [['Forbidden', 'spec.preferredHolder', 'may only be specified if `strategy` is defined']] },
  { name: 'empty preferredHolder without strategy', patch: { spec: { preferredHolder: '' } } },
  { name: 'resourceVersion on create', patch: { metadata: { resourceVersion: '7' } }, errors: [['Internal', 'metadata.resourceVersion']] },
]);
