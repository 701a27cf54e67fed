// autoscaling group validation table, ported from upstream
// pkg/apis/autoscaling/validation/validation_test.go (TestValidateHorizontalPodAutoscaler,
// TestValidateBehavior, TestValidateMetricTarget...). autoscaling/v1 objects are
// validated as their internal (v2) form.

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/autoscaling/validation/validation_test.go';
const hpa = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
};
const metric = (m: Record<string, unknown>) => ({ spec: { metrics: [m] } });

runTable('HorizontalPodAutoscaler v2', UPSTREAM, hpa, [
  { name: 'valid', patch: {} },
  { name: 'valid pods metric', patch: metric({ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } }) },
  { name: 'valid object metric', patch: metric({ type: 'Object', object: { describedObject: { kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10k' } } }) },
  { name: 'valid external metric', patch: metric({ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: 30 } } }) },
  { name: 'valid container resource', patch: metric({ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } }) },
  { name: 'valid behavior', patch: { spec: { behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } } } } },
  { name: 'minReplicas 0', patch: { spec: { minReplicas: 0 } }, errors: [['Invalid', 'spec.minReplicas', 'must be greater than or equal to 1']] },
  { name: 'maxReplicas 0', patch: { spec: { minReplicas: null, maxReplicas: 0 } }, errors: [['Invalid', 'spec.maxReplicas', 'must be greater than 0'], ['Invalid', 'spec.maxReplicas', 'must be greater than or equal to `minReplicas`']] },
  { name: 'maxReplicas below minReplicas', patch: { spec: { minReplicas: 3, maxReplicas: 2 } }, errors: [['Invalid', 'spec.maxReplicas', 'must be greater than or equal to `minReplicas`']] },
  { name: 'scaleTargetRef without kind and name', patch: { spec: { scaleTargetRef: { kind: null, name: null } } }, errors: [['Required', 'spec.scaleTargetRef.kind'], ['Required', 'spec.scaleTargetRef.name']] },
  { name: 'scaleTargetRef name with slash', patch: { spec: { scaleTargetRef: { name: 'a/b' } } }, errors: [['Invalid', 'spec.scaleTargetRef.name', "may not contain '/'"]] },
  { name: 'missing metric type', patch: metric({ resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }), errors: [['Required', 'spec.metrics[0].type', 'must specify a metric source type'], ['NotSupported', 'spec.metrics[0].type'], ['NotSupported', 'spec.metrics[0].type']] },
  { name: 'unknown metric type (reported twice, as upstream)', patch: metric({ type: 'Cpu' }), errors: [['NotSupported', 'spec.metrics[0].type', 'supported values: "ContainerResource", "External", "Object", "Pods", "Resource"'], ['NotSupported', 'spec.metrics[0].type']] },
  { name: 'type without its source', patch: metric({ type: 'Pods' }), errors: [['Required', 'spec.metrics[0].pods', 'must populate information for the given metric source']] },
  { name: 'two sources', patch: metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } }, pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: 1 } } }), errors: [['Forbidden', 'spec.metrics[0].pods', 'must populate the given metric source only']] },
  { name: 'resource without name', patch: metric({ type: 'Resource', resource: { target: { type: 'Utilization', averageUtilization: 70 } } }), errors: [['Required', 'spec.metrics[0].resource.name', 'must specify a resource name']] },
  { name: 'resource without target value', patch: metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }), errors: [['Required', 'spec.metrics[0].resource.target.averageUtilization', 'must set either a target raw value or a target utilization']] },
  { name: 'resource with both targets', patch: metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70, averageValue: '500m' } } }), errors: [['Forbidden', 'spec.metrics[0].resource.target.averageValue', 'may not set both a target raw value and a target utilization']] },
  { name: 'zero utilization', patch: metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }), errors: [['Invalid', 'spec.metrics[0].resource.target.averageUtilization', 'must be greater than 0']] },
  { name: 'bad target type', patch: metric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Percent', averageUtilization: 70 } } }), errors: [['Invalid', 'spec.metrics[0].resource.target.type', 'must be either Utilization, Value, or AverageValue']] },
  { name: 'negative averageValue', patch: metric({ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '-1' } } }), errors: [['Invalid', 'spec.metrics[0].pods.target.averageValue', 'must be positive']] },
  { name: 'pods without averageValue', patch: metric({ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'Value', value: 5 } } }), errors: [['Required', 'spec.metrics[0].pods.target.averageValue', 'must specify a positive target averageValue']] },
  { name: 'pods metric without name', patch: metric({ type: 'Pods', pods: { metric: {}, target: { type: 'AverageValue', averageValue: 1 } } }), errors: [['Required', 'spec.metrics[0].pods.metric.name', 'must specify a metric name']] },
  { name: 'external with both targets', patch: metric({ type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: 1, averageValue: 1 } } }), errors: [['Forbidden', 'spec.metrics[0].external.target.value', 'may not set both a target value for metric and a per-pod target']] },
  { name: 'object without target', patch: metric({ type: 'Object', object: { describedObject: { kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, target: { type: 'Value' } } }), errors: [['Required', 'spec.metrics[0].object.target.averageValue', 'must set either a target value or averageValue']] },
  { name: 'container resource without container', patch: metric({ type: 'ContainerResource', containerResource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }), errors: [['Required', 'spec.metrics[0].containerResource.container', 'must specify a container']] },
  { name: 'stabilization window too long', patch: { spec: { behavior: { scaleUp: { stabilizationWindowSeconds: 3601 } } } }, errors: [['Invalid', 'spec.behavior.scaleUp.stabilizationWindowSeconds', 'must be less than or equal to 3600']] },
  { name: 'negative stabilization window', patch: { spec: { behavior: { scaleDown: { stabilizationWindowSeconds: -1 } } } }, errors: [['Invalid', 'spec.behavior.scaleDown.stabilizationWindowSeconds', 'must be greater than or equal to zero']] },
  { name: 'bad selectPolicy', patch: { spec: { behavior: { scaleUp: { selectPolicy: 'Avg' } } } }, errors: [['NotSupported', 'spec.behavior.scaleUp.selectPolicy', 'supported values: "Disabled", "Max", "Min"']] },
  { name: 'empty policies', patch: { spec: { behavior: { scaleUp: { policies: [] } } } }, errors: [['Required', 'spec.behavior.scaleUp.policies', 'must specify at least one Policy']] },
  { name: 'bad policy', patch: { spec: { behavior: { scaleUp: { policies: [{ type: 'Nodes', value: 0, periodSeconds: 1801 }] } } } }, errors: [['NotSupported', 'spec.behavior.scaleUp.policies[0].type', 'supported values: "Percent", "Pods"'], ['Invalid', 'spec.behavior.scaleUp.policies[0].value', 'must be greater than zero'], ['Invalid', 'spec.behavior.scaleUp.policies[0].periodSeconds', 'must be less than or equal to 1800']] },
]);

const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 80 } };
runTable('HorizontalPodAutoscaler v1', UPSTREAM, v1, [
  { name: 'valid', patch: {} },
  { name: 'valid without target', patch: { spec: { targetCPUUtilizationPercentage: null } } },
  { name: 'zero target CPU', patch: { spec: { targetCPUUtilizationPercentage: 0 } }, errors: [['Invalid', 'spec.metrics[0].resource.target.averageUtilization', 'must be greater than 0']] },
  { name: 'maxReplicas below default minReplicas', patch: { spec: { maxReplicas: 0 } }, errors: [['Invalid', 'spec.maxReplicas', 'must be greater than 0'], ['Invalid', 'spec.maxReplicas', 'must be greater than or equal to `minReplicas`']] },
]);
