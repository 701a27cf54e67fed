// The ONE table of reference relations between Kubernetes objects. Definition,
// references, rename, code lens, hover and cross-reference diagnostics all read
// this table through references.ts; none of them has code for a particular
// relation. Adding a relation is adding a row here.
//
// Path syntax: dot-separated keys; `*` is any sequence index; `a|b` is any of
// several keys. Pod-spec relations (`from: 'pod-spec'`) are rooted at every pod
// spec of a resource (Pod, workload templates, CronJob's jobTemplate), see
// POD_HOLDERS. "Sibling" means a key of the map holding the last path segment.

/** group/kind of a target or holder; `groups` lists alternatives (old API groups). */
export interface KindRef {
  group: string;
  kind: string;
}

/** Where the pod template (and its pod spec) sits inside a resource. */
export interface PodHolder {
  kind: string;
  groups: string[];
  /** Path to the template map (the object with metadata.labels and spec); [] for a Pod. */
  templatePath: string[];
  /** Path to the replica count, when the kind has one (default 1). */
  replicasPath?: string[];
}

export const POD_HOLDERS: PodHolder[] = [
  { kind: 'Pod', groups: [''], templatePath: [] },
  { kind: 'PodTemplate', groups: [''], templatePath: ['template'] },
  { kind: 'ReplicationController', groups: [''], templatePath: ['spec', 'template'], replicasPath: ['spec', 'replicas'] },
  { kind: 'Deployment', groups: ['apps', 'extensions'], templatePath: ['spec', 'template'], replicasPath: ['spec', 'replicas'] },
  { kind: 'ReplicaSet', groups: ['apps', 'extensions'], templatePath: ['spec', 'template'], replicasPath: ['spec', 'replicas'] },
  { kind: 'StatefulSet', groups: ['apps'], templatePath: ['spec', 'template'], replicasPath: ['spec', 'replicas'] },
  { kind: 'DaemonSet', groups: ['apps', 'extensions'], templatePath: ['spec', 'template'] },
  { kind: 'Job', groups: ['batch'], templatePath: ['spec', 'template'], replicasPath: ['spec', 'parallelism'] },
  { kind: 'CronJob', groups: ['batch'], templatePath: ['spec', 'jobTemplate', 'spec', 'template'], replicasPath: ['spec', 'jobTemplate', 'spec', 'parallelism'] },
];

export function podHolderOf(group: string, kind: string): PodHolder | undefined {
  return POD_HOLDERS.find((h) => h.kind === kind && h.groups.includes(group));
}

/** Source kinds of a relation: explicit kinds, or every pod spec. */
export type RelationSource = { kinds: KindRef[] } | 'pod-spec';

/** A condition on a sibling of the referring node. */
export interface SiblingCondition {
  sibling: string;
  /**
   * The sibling's value (as a string) must be one of these; `absent` means the sibling must not exist.
   * Completion at a name whose sibling is not written yet offers the targets and writes `equals[0]`.
   */
  equals?: string[];
  absent?: true;
}

/** A kind the reference may name (written into the kind sibling), with the apiVersion it is written with. */
export interface KindChoice extends KindRef {
  apiVersion: string;
  /** Only a referrer of these kinds may name it (a ClusterRoleBinding's roleRef names a ClusterRole). */
  fromKinds?: string[];
}

/** A target kind read from siblings of the name (`kind`, and `apiVersion` or a fixed group). */
export interface KindFromSiblings {
  kindSibling: string;
  apiVersionSibling?: string;
  /** Sibling holding the API group (roleRef `apiGroup`), written with the kind when missing. */
  apiGroupSibling?: string;
  group?: string;
  /** The kinds the API server accepts there, offered before a kind is written. */
  choices?: KindChoice[];
}

export interface NameRelation {
  id: string;
  by: 'name';
  /** Short human description ("ConfigMap volume"). */
  label: string;
  from: RelationSource;
  path: string;
  /** The target kind; or read from siblings (HPA scaleTargetRef, roleRef). */
  target: KindRef | KindFromSiblings;
  /** Where the target lives: the referrer's namespace (default), or a sibling value falling back to it. */
  namespaceSibling?: string;
  /** Sibling holding `optional: true`. */
  optionalSibling?: string;
  /** A key inside the target that must exist (configMapKeyRef.key): sibling holding it and the target maps it may be in. */
  key?: { sibling: string; in: string[] };
  /** Keys inside the target listed by a sibling sequence (a volume's `items: [{key, path}]`), and the target maps they may be in. */
  itemKeys?: { list: string; in: string[] };
  /** A Service port (by name or number) that must exist on the target: sibling holding `{name}|{number}`. */
  servicePort?: { sibling: string };
  when?: SiblingCondition;
  /** False: resolve for navigation, never report a missing target (Endpoints -> Service). */
  diagnose?: boolean;
}

/**
 * Selector forms: `map` (Service spec.selector, nodeSelector: every entry must
 * equal), `labelSelector` (matchLabels + matchExpressions), `nodeSelectorTerms`
 * (a list of ORed terms), `nodeSelectorTerm` (one term), `tolerations`.
 */
export type SelectorForm = 'map' | 'labelSelector' | 'nodeSelectorTerms' | 'nodeSelectorTerm' | 'toleration';

/** What a selector selects: pod templates, objects of a kind by labels, or its own template. */
export type SelectorTarget = 'pods' | 'own-template' | KindRef;

/**
 * Which namespaces a selector looks in: the referrer's (`same`, default), every
 * one (`cluster`, for cluster-scoped targets), the affinity-term rule
 * (`namespaces` list + `namespaceSelector` siblings), the NetworkPolicy peer rule
 * (`namespaceSelector` sibling, null = same), or the prometheus-operator rule
 * (`namespaceSelector: {any: true} | {matchNames: [...]}`).
 */
export type NamespaceRule = 'same' | 'cluster' | 'affinity-term' | 'network-peer' | 'monitor';

export interface SelectorRelation {
  id: string;
  by: 'selector';
  label: string;
  from: RelationSource;
  path: string;
  form: SelectorForm;
  targets: SelectorTarget;
  namespaces?: NamespaceRule;
  /** For `map` form: an empty map selects nothing (Service) rather than everything. */
  emptySelectsNothing?: boolean;
  /** A null labelSelector selects everything (NetworkPolicy spec.podSelector is not a pointer) rather than nothing. */
  nullSelectsAll?: true;
  /**
   * Diagnostic when it matches nothing: `selects-nothing` (a warning). A workload
   * selector that misses its own template is the API server's rejection, reported by
   * the validation core (`selector` does not match template `labels`), not here.
   */
  mustMatch?: 'selects-nothing';
  when?: SiblingCondition;
}

/** Service targetPort names -> container port names of the pods the Service selects. */
export interface PortNameRelation {
  id: string;
  by: 'port-name';
  label: string;
  from: RelationSource;
  path: string;
  /** The selector relation (of the same resource) whose matched pods carry the ports. */
  via: string;
}

export type Relation = NameRelation | SelectorRelation | PortNameRelation;

const core = (kind: string): KindRef => ({ group: '', kind });
const CONTAINERS = 'containers|initContainers|ephemeralContainers';
const SERVICE = core('Service');
const BINDINGS = [
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
];
const RBAC = 'rbac.authorization.k8s.io';
/** roleRef kinds (ValidateRoleBinding / ValidateClusterRoleBinding). */
const ROLES: KindChoice[] = [
  { group: RBAC, kind: 'Role', apiVersion: `${RBAC}/v1`, fromKinds: ['RoleBinding'] },
  { group: RBAC, kind: 'ClusterRole', apiVersion: `${RBAC}/v1` },
];
/** Built-in kinds with a scale subresource (what an HPA can scale). */
const SCALABLE: KindChoice[] = [
  { group: 'apps', kind: 'Deployment', apiVersion: 'apps/v1' },
  { group: 'apps', kind: 'StatefulSet', apiVersion: 'apps/v1' },
  { group: 'apps', kind: 'ReplicaSet', apiVersion: 'apps/v1' },
  { group: '', kind: 'ReplicationController', apiVersion: 'v1' },
];
const WORKLOADS_WITH_SELECTOR: KindRef[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].flatMap((kind) => [
  { group: 'apps', kind },
  { group: 'extensions', kind },
]);
const NETPOL = [{ group: 'networking.k8s.io', kind: 'NetworkPolicy' }];
const PEERS = ['spec.ingress.*.from.*', 'spec.egress.*.to.*'];
const AFFINITY = ['podAffinity', 'podAntiAffinity'].flatMap((a) => [
  `affinity.${a}.requiredDuringSchedulingIgnoredDuringExecution.*`,
  `affinity.${a}.preferredDuringSchedulingIgnoredDuringExecution.*.podAffinityTerm`,
]);

export const RELATIONS: Relation[] = [
  // ---- names, inside every pod spec ----
  { id: 'volume-configmap', by: 'name', label: 'ConfigMap volume', from: 'pod-spec', path: 'volumes.*.configMap.name', target: core('ConfigMap'), optionalSibling: 'optional', itemKeys: { list: 'items', in: ['data', 'binaryData'] } },
  { id: 'volume-secret', by: 'name', label: 'Secret volume', from: 'pod-spec', path: 'volumes.*.secret.secretName', target: core('Secret'), optionalSibling: 'optional', itemKeys: { list: 'items', in: ['data', 'stringData'] } },
  { id: 'projected-configmap', by: 'name', label: 'projected ConfigMap', from: 'pod-spec', path: 'volumes.*.projected.sources.*.configMap.name', target: core('ConfigMap'), optionalSibling: 'optional', itemKeys: { list: 'items', in: ['data', 'binaryData'] } },
  { id: 'projected-secret', by: 'name', label: 'projected Secret', from: 'pod-spec', path: 'volumes.*.projected.sources.*.secret.name', target: core('Secret'), optionalSibling: 'optional', itemKeys: { list: 'items', in: ['data', 'stringData'] } },
  { id: 'volume-pvc', by: 'name', label: 'PersistentVolumeClaim volume', from: 'pod-spec', path: 'volumes.*.persistentVolumeClaim.claimName', target: core('PersistentVolumeClaim') },
  { id: 'ephemeral-storage-class', by: 'name', label: 'ephemeral volume storageClassName', from: 'pod-spec', path: 'volumes.*.ephemeral.volumeClaimTemplate.spec.storageClassName', target: { group: 'storage.k8s.io', kind: 'StorageClass' } },
  { id: 'env-configmap-key', by: 'name', label: 'configMapKeyRef', from: 'pod-spec', path: `${CONTAINERS}.*.env.*.valueFrom.configMapKeyRef.name`, target: core('ConfigMap'), optionalSibling: 'optional', key: { sibling: 'key', in: ['data', 'binaryData'] } },
  { id: 'env-secret-key', by: 'name', label: 'secretKeyRef', from: 'pod-spec', path: `${CONTAINERS}.*.env.*.valueFrom.secretKeyRef.name`, target: core('Secret'), optionalSibling: 'optional', key: { sibling: 'key', in: ['data', 'stringData'] } },
  { id: 'envfrom-configmap', by: 'name', label: 'envFrom ConfigMap', from: 'pod-spec', path: `${CONTAINERS}.*.envFrom.*.configMapRef.name`, target: core('ConfigMap'), optionalSibling: 'optional' },
  { id: 'envfrom-secret', by: 'name', label: 'envFrom Secret', from: 'pod-spec', path: `${CONTAINERS}.*.envFrom.*.secretRef.name`, target: core('Secret'), optionalSibling: 'optional' },
  { id: 'image-pull-secret', by: 'name', label: 'imagePullSecret', from: 'pod-spec', path: 'imagePullSecrets.*.name', target: core('Secret') },
  { id: 'service-account', by: 'name', label: 'serviceAccountName', from: 'pod-spec', path: 'serviceAccountName|serviceAccount', target: core('ServiceAccount') },
  { id: 'priority-class', by: 'name', label: 'priorityClassName', from: 'pod-spec', path: 'priorityClassName', target: { group: 'scheduling.k8s.io', kind: 'PriorityClass' } },
  { id: 'runtime-class', by: 'name', label: 'runtimeClassName', from: 'pod-spec', path: 'runtimeClassName', target: { group: 'node.k8s.io', kind: 'RuntimeClass' } },

  // ---- names, specific kinds ----
  { id: 'ingress-backend', by: 'name', label: 'Ingress backend', from: { kinds: [{ group: 'networking.k8s.io', kind: 'Ingress' }] }, path: 'spec.rules.*.http.paths.*.backend.service.name', target: SERVICE, servicePort: { sibling: 'port' } },
  { id: 'ingress-default-backend', by: 'name', label: 'Ingress default backend', from: { kinds: [{ group: 'networking.k8s.io', kind: 'Ingress' }] }, path: 'spec.defaultBackend.service.name', target: SERVICE, servicePort: { sibling: 'port' } },
  { id: 'ingress-class', by: 'name', label: 'ingressClassName', from: { kinds: [{ group: 'networking.k8s.io', kind: 'Ingress' }] }, path: 'spec.ingressClassName', target: { group: 'networking.k8s.io', kind: 'IngressClass' } },
  { id: 'ingress-tls-secret', by: 'name', label: 'Ingress TLS secret', from: { kinds: [{ group: 'networking.k8s.io', kind: 'Ingress' }] }, path: 'spec.tls.*.secretName', target: core('Secret') },
  { id: 'hpa-scale-target', by: 'name', label: 'scaleTargetRef', from: { kinds: [{ group: 'autoscaling', kind: 'HorizontalPodAutoscaler' }] }, path: 'spec.scaleTargetRef.name', target: { kindSibling: 'kind', apiVersionSibling: 'apiVersion', choices: SCALABLE } },
  { id: 'statefulset-claim-storage-class', by: 'name', label: 'volumeClaimTemplates storageClassName', from: { kinds: [{ group: 'apps', kind: 'StatefulSet' }] }, path: 'spec.volumeClaimTemplates.*.spec.storageClassName', target: { group: 'storage.k8s.io', kind: 'StorageClass' } },
  { id: 'service-account-image-pull-secret', by: 'name', label: 'ServiceAccount imagePullSecret', from: { kinds: [core('ServiceAccount')] }, path: 'imagePullSecrets.*.name', target: core('Secret') },
  { id: 'statefulset-service', by: 'name', label: 'StatefulSet serviceName', from: { kinds: [{ group: 'apps', kind: 'StatefulSet' }] }, path: 'spec.serviceName', target: SERVICE },
  { id: 'role-ref', by: 'name', label: 'roleRef', from: { kinds: BINDINGS }, path: 'roleRef.name', target: { kindSibling: 'kind', group: RBAC, apiGroupSibling: 'apiGroup', choices: ROLES } },
  { id: 'subject-service-account', by: 'name', label: 'ServiceAccount subject', from: { kinds: BINDINGS }, path: 'subjects.*.name', target: core('ServiceAccount'), namespaceSibling: 'namespace', when: { sibling: 'kind', equals: ['ServiceAccount'] } },
  { id: 'pvc-storage-class', by: 'name', label: 'storageClassName', from: { kinds: [core('PersistentVolumeClaim'), core('PersistentVolume')] }, path: 'spec.storageClassName', target: { group: 'storage.k8s.io', kind: 'StorageClass' } },
  { id: 'pvc-volume-name', by: 'name', label: 'volumeName', from: { kinds: [core('PersistentVolumeClaim')] }, path: 'spec.volumeName', target: core('PersistentVolume') },
  { id: 'endpoints-service', by: 'name', label: 'Endpoints of Service', from: { kinds: [core('Endpoints')] }, path: 'metadata.name', target: SERVICE, diagnose: false },

  // ---- selectors ----
  { id: 'service-selector', by: 'selector', label: 'Service selector', from: { kinds: [SERVICE] }, path: 'spec.selector', form: 'map', targets: 'pods', emptySelectsNothing: true, mustMatch: 'selects-nothing' },
  { id: 'workload-selector', by: 'selector', label: 'workload selector', from: { kinds: WORKLOADS_WITH_SELECTOR }, path: 'spec.selector', form: 'labelSelector', targets: 'own-template' },
  { id: 'rc-selector', by: 'selector', label: 'ReplicationController selector', from: { kinds: [core('ReplicationController')] }, path: 'spec.selector', form: 'map', targets: 'own-template', emptySelectsNothing: true },
  { id: 'job-selector', by: 'selector', label: 'Job selector', from: { kinds: [{ group: 'batch', kind: 'Job' }] }, path: 'spec.selector', form: 'labelSelector', targets: 'own-template', when: { sibling: 'manualSelector', equals: ['true'] } },
  { id: 'netpol-pod-selector', by: 'selector', label: 'NetworkPolicy podSelector', from: { kinds: NETPOL }, path: 'spec.podSelector', form: 'labelSelector', targets: 'pods', mustMatch: 'selects-nothing', nullSelectsAll: true },
  ...PEERS.map((p): SelectorRelation => ({ id: 'netpol-peer-pods', by: 'selector', label: 'NetworkPolicy peer podSelector', from: { kinds: NETPOL }, path: `${p}.podSelector`, form: 'labelSelector', targets: 'pods', namespaces: 'network-peer' })),
  ...PEERS.map((p): SelectorRelation => ({ id: 'netpol-peer-namespaces', by: 'selector', label: 'NetworkPolicy peer namespaceSelector', from: { kinds: NETPOL }, path: `${p}.namespaceSelector`, form: 'labelSelector', targets: core('Namespace'), namespaces: 'cluster', when: { sibling: 'podSelector', absent: true } })),
  { id: 'pdb-selector', by: 'selector', label: 'PodDisruptionBudget selector', from: { kinds: [{ group: 'policy', kind: 'PodDisruptionBudget' }] }, path: 'spec.selector', form: 'labelSelector', targets: 'pods', mustMatch: 'selects-nothing' },
  ...AFFINITY.map((p): SelectorRelation => ({ id: 'pod-affinity', by: 'selector', label: 'pod (anti-)affinity', from: 'pod-spec', path: `${p}.labelSelector`, form: 'labelSelector', targets: 'pods', namespaces: 'affinity-term' })),
  ...AFFINITY.map((p): SelectorRelation => ({ id: 'pod-affinity-namespaces', by: 'selector', label: 'pod (anti-)affinity namespaceSelector', from: 'pod-spec', path: `${p}.namespaceSelector`, form: 'labelSelector', targets: core('Namespace'), namespaces: 'cluster' })),
  { id: 'topology-spread', by: 'selector', label: 'topologySpreadConstraints', from: 'pod-spec', path: 'topologySpreadConstraints.*.labelSelector', form: 'labelSelector', targets: 'pods' },
  { id: 'service-monitor', by: 'selector', label: 'ServiceMonitor selector', from: { kinds: [{ group: 'monitoring.coreos.com', kind: 'ServiceMonitor' }] }, path: 'spec.selector', form: 'labelSelector', targets: SERVICE, namespaces: 'monitor' },
  { id: 'pod-monitor', by: 'selector', label: 'PodMonitor selector', from: { kinds: [{ group: 'monitoring.coreos.com', kind: 'PodMonitor' }] }, path: 'spec.selector', form: 'labelSelector', targets: 'pods', namespaces: 'monitor' },
  { id: 'node-selector', by: 'selector', label: 'nodeSelector', from: 'pod-spec', path: 'nodeSelector', form: 'map', targets: core('Node'), namespaces: 'cluster' },
  { id: 'node-affinity', by: 'selector', label: 'required node affinity', from: 'pod-spec', path: 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', form: 'nodeSelectorTerms', targets: core('Node'), namespaces: 'cluster' },
  { id: 'node-affinity-preferred', by: 'selector', label: 'preferred node affinity', from: 'pod-spec', path: 'affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution.*.preference', form: 'nodeSelectorTerm', targets: core('Node'), namespaces: 'cluster' },
  { id: 'toleration', by: 'selector', label: 'toleration', from: 'pod-spec', path: 'tolerations.*', form: 'toleration', targets: core('Node'), namespaces: 'cluster' },

  // ---- ports ----
  { id: 'service-target-port', by: 'port-name', label: 'Service targetPort', from: { kinds: [SERVICE] }, path: 'spec.ports.*.targetPort', via: 'service-selector' },
];

/** A path pattern split into segments; each segment is a list of alternative keys or '*'. */
export function pathSegments(path: string): string[][] {
  return path.split('.').map((s) => s.split('|'));
}
