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
