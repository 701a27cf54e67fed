// API-server validation of the core API group (upstream pkg/apis/core/validation),
// assembled from one file per family: meta.ts, pod.ts (+ containers, volumes,
// scheduling-rules, pod-warnings), service.ts, config.ts, storage-core.ts, cluster.ts.

import { validateGenericObject } from './meta';
import { validatePod, validatePodTemplate } from './pod';
import type { ValidatorTable } from './types';

export { validateObjectMeta, validateLabelSelector, validateLabels, validateAnnotations, validateLabelName, validateCreateMeta, RESOURCE_VERSION_ON_CREATE } from './meta';
export { validatePodSpec, validatePodTemplateSpec } from './pod';
export { podWarnings } from './pod-warnings';

export const coreValidators: ValidatorTable = {
  '/Pod': validatePod,
  '/PodTemplate': validatePodTemplate,
  '/__meta__': validateGenericObject,
};
