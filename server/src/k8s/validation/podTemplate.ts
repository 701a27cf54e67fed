// The one place the group modules (apps, batch) reach the core pod-template
// validation and warnings (pod.ts, pod-warnings.ts), so they do not depend on how
// the core module is split.
// Upstream: pkg/apis/core/validation ValidatePodTemplateSpec and
// pkg/api/pod/warnings.go GetWarningsForPodTemplate.

import type { ApiWarning, FieldError, FieldPath } from './field';
import { validatePodTemplateSpec } from './pod';
import { podWarnings } from './pod-warnings';
import { asObj } from './types';

/** ValidatePodTemplateSpec(template, path). */
export function podTemplateErrors(template: unknown, path: FieldPath): FieldError[] {
  return validatePodTemplateSpec(template, path);
}

/** GetWarningsForPodTemplate(path, template): warnings on `<path>.metadata...` and `<path>.spec...`. */
export function podTemplateWarnings(template: unknown, path: FieldPath): ApiWarning[] {
  const t = asObj(template);
  return podWarnings(t.metadata, t.spec, path);
}

/**
 * A workload's pod template as the API server sees it: the template is a value,
 * not a pointer, so a missing one is an empty template with the pod spec defaults
 * applied (SetDefaults_PodSpec), never "Required".
 */
export function templateOf(template: unknown): Record<string, unknown> {
  if (template !== null && typeof template === 'object' && !Array.isArray(template)) return template as Record<string, unknown>;
  return {
    metadata: {},
    spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', securityContext: {}, enableServiceLinks: true },
  };
}
