// scheduling and node group validation tables, ported from upstream
// pkg/apis/scheduling/validation/validation_test.go (TestValidatePriorityClass) and
// pkg/apis/node/validation/validation_test.go (TestValidateRuntimeClass,
// TestValidateOverhead, TestValidateScheduling).

import { runTable } from './groupTable';

const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };
runTable('PriorityClass', 'pkg/apis/scheduling/validation/validation_test.go', pc, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'valid PreemptNever', patch: { preemptionPolicy: 'Never' }, namespaced: false },
  { name: 'valid system class', patch: { metadata: { name: 'system-node-critical' }, value: 2000001000 }, namespaced: false },
  { name: 'value above the user maximum', patch: { value: 1000000001 }, namespaced: false, errors: [['Forbidden', 'value', 'maximum allowed value of a user defined priority is 1000000000']] },
  { name: 'unknown system class', patch: { metadata: { name: 'system-high' } }, namespaced: false, errors: [['Forbidden', 'metadata.name', "priority class names with 'system-' prefix are reserved for system use only. error: system-high is not a known system priority class"]] },
  { name: 'system class with wrong value', patch: { metadata: { name: 'system-cluster-critical' }, value: 5 }, namespaced: false, errors: [['Forbidden', 'metadata.name', "priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000"]] },
  { name: 'unknown preemptionPolicy', patch: { preemptionPolicy: 'Always' }, namespaced: false, errors: [['NotSupported', 'preemptionPolicy', 'supported values: "PreemptLowerPriority", "Never"']] },
  { name: 'invalid name', patch: { metadata: { name: 'High' } }, namespaced: false, errors: [['Invalid', 'metadata.name']] },
]);

const rc = { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc' };
runTable('RuntimeClass', 'pkg/apis/node/validation/validation_test.go', rc, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'valid overhead and scheduling', patch: { overhead: { podFixed: { cpu: '250m', memory: '64Mi' } }, scheduling: { nodeSelector: { sandbox: 'true' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] } }, namespaced: false },
  { name: 'handler not a DNS label', patch: { handler: 'run.sc' }, namespaced: false, errors: [['Invalid', 'handler', 'must not contain dots']] },
  { name: 'empty handler', patch: { handler: null }, namespaced: false, errors: [['Invalid', 'handler']] },
  { name: 'negative overhead', patch: { overhead: { podFixed: { cpu: '-1' } } }, namespaced: false, errors: [['Invalid', 'overhead.limits[cpu]']] },
  { name: 'invalid nodeSelector', patch: { scheduling: { nodeSelector: { 'bad key!': 'x' } } }, namespaced: false, errors: [['Invalid', 'scheduling.nodeSelector']] },
  { name: 'deprecated node label in nodeSelector warns', patch: { scheduling: { nodeSelector: { 'beta.kubernetes.io/os': 'linux' } } }, namespaced: false, warnings: ['scheduling.nodeSelector: deprecated since v1.14; use "kubernetes.io/os" instead'] },
  { name: 'duplicate tolerations', patch: { scheduling: { tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'a', operator: 'Exists' }] } }, namespaced: false, errors: [['Duplicate', 'scheduling.tolerations[1]']] },
]);
