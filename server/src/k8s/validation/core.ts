// API-server validation of the core API group (upstream pkg/apis/core/validation),
// assembled from one file per family: meta.ts (ObjectMeta, `/__meta__`), pod.ts
// (+ containers, volumes, scheduling-rules, pod-warnings), service.ts (Service,
// Endpoints), config.ts (ConfigMap, Secret, ServiceAccount, Namespace),
// storage-core.ts (PersistentVolume, PersistentVolumeClaim) and cluster.ts
// (ResourceQuota, LimitRange, ReplicationController, Node).

import { validateLimitRange, validateNode, validateReplicationController, validateResourceQuota } from './cluster';
import { validateConfigMap, validateNamespace, validateSecret, validateServiceAccount } from './config';
import { validateGenericObject } from './meta';
import { validatePod, validatePodTemplate } from './pod';
import { validateEndpoints, validateService } from './service';
import { validatePersistentVolume, validatePersistentVolumeClaim } from './storage-core';
import type { ValidatorTable } from './types';

export { validateObjectMeta, validateLabelSelector, validateLabels, validateAnnotations, validateLabelName, validateCreateMeta, RESOURCE_VERSION_ON_CREATE } from './meta';
export { validatePodSpec, validatePodTemplateSpec } from './pod';
export { podWarnings } from './pod-warnings';
export { validatePersistentVolumeClaimSpec, pvcSpecWarnings } from './storage-core';

export const coreValidators: ValidatorTable = {
  '/Pod': validatePod,
  '/PodTemplate': validatePodTemplate,
  '/ReplicationController': validateReplicationController,
  '/Service': validateService,
  '/Endpoints': validateEndpoints,
  '/ConfigMap': validateConfigMap,
  '/Secret': validateSecret,
  '/ServiceAccount': validateServiceAccount,
  '/Namespace': validateNamespace,
  '/PersistentVolume': validatePersistentVolume,
  '/PersistentVolumeClaim': validatePersistentVolumeClaim,
  '/ResourceQuota': validateResourceQuota,
  '/LimitRange': validateLimitRange,
  '/Node': validateNode,
  '/__meta__': validateGenericObject,
};
