// policy group validation table, ported from upstream
// pkg/apis/policy/validation/validation_test.go (TestValidatePodDisruptionBudgetSpec,
// TestValidateMinAvailablePodDisruptionBudgetSpec, TestValidateUnhealthyPodEvictionPolicy...).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/policy/validation/validation_test.go';

runTable('PodDisruptionBudget', UPSTREAM, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }, [
  { name: 'valid', patch: {} },
  { name: 'valid percent', patch: { spec: { minAvailable: '50%' } } },
  { name: 'valid maxUnavailable', patch: { spec: { minAvailable: null, maxUnavailable: 0 } } },
  { name: 'valid eviction policy', patch: { spec: { unhealthyPodEvictionPolicy: 'AlwaysAllow' } } },
  { name: 'both set', patch: { spec: { maxUnavailable: 1 } }, errors: [['Invalid', 'spec', 'minAvailable and maxUnavailable cannot be both set']] },
  { name: 'negative minAvailable', patch: { spec: { minAvailable: -1 } }, errors: [['Invalid', 'spec.minAvailable', 'must be greater than or equal to 0']] },
  { name: 'minAvailable over 100%', patch: { spec: { minAvailable: '101%' } }, errors: [['Invalid', 'spec.minAvailable', 'must not be greater than 100%']] },
  { name: 'maxUnavailable not a percent', patch: { spec: { minAvailable: null, maxUnavailable: '1/2' } }, errors: [['Invalid', 'spec.maxUnavailable']] },
  { name: 'bad eviction policy', patch: { spec: { unhealthyPodEvictionPolicy: 'Never' } }, errors: [['NotSupported', 'spec.unhealthyPodEvictionPolicy', 'supported values: "AlwaysAllow", "IfHealthyBudget"']] },
  { name: 'invalid selector', patch: { spec: { selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] } } }, errors: [['Forbidden', 'spec.selector.matchExpressions[0].values']] },
  { name: 'meta checked once the spec is valid', patch: { metadata: { name: 'a/b' } }, errors: [['Invalid', 'metadata.name', "may not contain '/'"]] },
  { name: 'meta not checked while the spec is invalid', patch: { metadata: { name: 'a/b' }, spec: { minAvailable: -1 } }, errors: [['Invalid', 'spec.minAvailable']] },
]);
