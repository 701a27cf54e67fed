// Removed and deprecated API versions (from the Kubernetes deprecated API
// migration guide). Whether an entry is reported as removed (error) or
// deprecated (warning) depends on the `kubernetesVersion` setting.

export interface ApiDeprecation {
  group: string;
  version: string;
  /** Kinds this entry covers. */
  kinds: string[];
  /** apiVersion to migrate to ("" when there is no replacement API). */
  replacement: string;
  /** Kind in the replacement API when it differs. */
  replacementKind?: string;
  /** What to use instead when there is no replacement API. */
  note?: string;
  deprecatedIn?: string;
  removedIn?: string;
}

const WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'];

export const API_DEPRECATIONS: ApiDeprecation[] = [
  { group: 'extensions', version: 'v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], replacement: 'apps/v1', deprecatedIn: '1.8', removedIn: '1.16' },
  { group: 'extensions', version: 'v1beta1', kinds: ['NetworkPolicy'], replacement: 'networking.k8s.io/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  { group: 'extensions', version: 'v1beta1', kinds: ['PodSecurityPolicy'], replacement: 'policy/v1beta1', deprecatedIn: '1.10', removedIn: '1.16' },
  { group: 'extensions', version: 'v1beta1', kinds: ['Ingress'], replacement: 'networking.k8s.io/v1', deprecatedIn: '1.14', removedIn: '1.22' },
  { group: 'apps', version: 'v1beta1', kinds: WORKLOADS, replacement: 'apps/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  { group: 'apps', version: 'v1beta2', kinds: WORKLOADS, replacement: 'apps/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  { group: 'networking.k8s.io', version: 'v1beta1', kinds: ['Ingress', 'IngressClass'], replacement: 'networking.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
  { group: 'apiextensions.k8s.io', version: 'v1beta1', kinds: ['CustomResourceDefinition'], replacement: 'apiextensions.k8s.io/v1', deprecatedIn: '1.16', removedIn: '1.22' },
  { group: 'admissionregistration.k8s.io', version: 'v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], replacement: 'admissionregistration.k8s.io/v1', deprecatedIn: '1.16', removedIn: '1.22' },
  { group: 'admissionregistration.k8s.io', version: 'v1alpha1', kinds: ['InitializerConfiguration'], replacement: '', note: 'initializers were removed; use admission webhooks', removedIn: '1.14' },
  { group: 'apiregistration.k8s.io', version: 'v1beta1', kinds: ['APIService'], replacement: 'apiregistration.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
  { group: 'authentication.k8s.io', version: 'v1beta1', kinds: ['TokenReview'], replacement: 'authentication.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
  { group: 'authorization.k8s.io', version: 'v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'], replacement: 'authorization.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
  { group: 'certificates.k8s.io', version: 'v1beta1', kinds: ['CertificateSigningRequest'], replacement: 'certificates.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
  { group: 'coordination.k8s.io', version: 'v1beta1', kinds: ['Lease'], replacement: 'coordination.k8s.io/v1', deprecatedIn: '1.14', removedIn: '1.22' },
  { group: 'rbac.authorization.k8s.io', version: 'v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], replacement: 'rbac.authorization.k8s.io/v1', deprecatedIn: '1.17', removedIn: '1.22' },
  { group: 'rbac.authorization.k8s.io', version: 'v1alpha1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], replacement: 'rbac.authorization.k8s.io/v1', deprecatedIn: '1.17', removedIn: '1.22' },
  { group: 'scheduling.k8s.io', version: 'v1beta1', kinds: ['PriorityClass'], replacement: 'scheduling.k8s.io/v1', deprecatedIn: '1.14', removedIn: '1.22' },
  { group: 'scheduling.k8s.io', version: 'v1alpha1', kinds: ['PriorityClass'], replacement: 'scheduling.k8s.io/v1', deprecatedIn: '1.14', removedIn: '1.17' },
  { group: 'storage.k8s.io', version: 'v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], replacement: 'storage.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
  { group: 'storage.k8s.io', version: 'v1beta1', kinds: ['CSIStorageCapacity'], replacement: 'storage.k8s.io/v1', deprecatedIn: '1.24', removedIn: '1.27' },
  { group: 'batch', version: 'v1beta1', kinds: ['CronJob'], replacement: 'batch/v1', deprecatedIn: '1.21', removedIn: '1.25' },
  { group: 'batch', version: 'v2alpha1', kinds: ['CronJob'], replacement: 'batch/v1', deprecatedIn: '1.21', removedIn: '1.21' },
  { group: 'discovery.k8s.io', version: 'v1beta1', kinds: ['EndpointSlice'], replacement: 'discovery.k8s.io/v1', deprecatedIn: '1.21', removedIn: '1.25' },
  { group: 'events.k8s.io', version: 'v1beta1', kinds: ['Event'], replacement: 'events.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.25' },
  { group: 'autoscaling', version: 'v2beta1', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', deprecatedIn: '1.22', removedIn: '1.25' },
  { group: 'autoscaling', version: 'v2beta2', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', deprecatedIn: '1.23', removedIn: '1.26' },
  { group: 'policy', version: 'v1beta1', kinds: ['PodDisruptionBudget'], replacement: 'policy/v1', deprecatedIn: '1.21', removedIn: '1.25' },
  { group: 'policy', version: 'v1beta1', kinds: ['PodSecurityPolicy'], replacement: '', note: 'PodSecurityPolicy was removed; use Pod Security Admission (namespace labels)', deprecatedIn: '1.21', removedIn: '1.25' },
  { group: 'node.k8s.io', version: 'v1beta1', kinds: ['RuntimeClass'], replacement: 'node.k8s.io/v1', deprecatedIn: '1.20', removedIn: '1.25' },
  { group: 'node.k8s.io', version: 'v1alpha1', kinds: ['RuntimeClass'], replacement: 'node.k8s.io/v1', deprecatedIn: '1.20', removedIn: '1.22' },
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1alpha1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], replacement: 'flowcontrol.apiserver.k8s.io/v1', deprecatedIn: '1.20', removedIn: '1.21' },
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], replacement: 'flowcontrol.apiserver.k8s.io/v1', deprecatedIn: '1.23', removedIn: '1.26' },
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], replacement: 'flowcontrol.apiserver.k8s.io/v1', deprecatedIn: '1.26', removedIn: '1.29' },
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], replacement: 'flowcontrol.apiserver.k8s.io/v1', deprecatedIn: '1.29', removedIn: '1.32' },
  // Still served, but deprecated (the API server returns a warning).
  { group: '', version: 'v1', kinds: ['ComponentStatus'], replacement: '', note: 'query the components\' health endpoints instead', deprecatedIn: '1.19' },
  { group: '', version: 'v1', kinds: ['Endpoints'], replacement: 'discovery.k8s.io/v1', replacementKind: 'EndpointSlice', deprecatedIn: '1.33' },
];

/** "1.36" -> [1, 36]; undefined when not a version. */
export function parseMinorVersion(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** a <= b for "major.minor" versions. */
export function versionAtMost(a: string, b: string): boolean {
  const x = parseMinorVersion(a);
  const y = parseMinorVersion(b);
  if (!x || !y) return false;
  return x[0] < y[0] || (x[0] === y[0] && x[1] <= y[1]);
}

export function findDeprecation(group: string, version: string, kind: string): ApiDeprecation | undefined {
  return API_DEPRECATIONS.find((d) => d.group === group && d.version === version && d.kinds.includes(kind));
}

export interface DeprecationStatus {
  status: 'removed' | 'deprecated';
  entry: ApiDeprecation;
}

/** Whether an API version is removed or deprecated in the given Kubernetes version. */
export function deprecationStatus(group: string, version: string, kind: string, kubernetesVersion: string): DeprecationStatus | undefined {
  const entry = findDeprecation(group, version, kind);
  if (!entry) return undefined;
  if (entry.removedIn && versionAtMost(entry.removedIn, kubernetesVersion)) return { status: 'removed', entry };
  if (entry.deprecatedIn && versionAtMost(entry.deprecatedIn, kubernetesVersion)) return { status: 'deprecated', entry };
  return undefined;
}
