// API-server decoding and defaulting (pkg/apis/*/v1/defaults.go): what a stored
// object looks like after `kubectl apply`, before validation. Shared by the
// editor's diagnostics, `drydock check` and the simulator's API server, which all
// run decode -> default -> validate (k8s/validation). Mutates the object in place;
// tolerant of malformed input (wrong types are left for validation to report).

type Obj = Record<string, any>;

/** A decoded object: plain JSON with apiVersion, kind and metadata. */
export interface DecodedObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
  [key: string]: unknown;
}

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function ensureObj(parent: Obj, key: string): Obj {
  if (!isObj(parent[key])) parent[key] = {};
  return parent[key];
}

/** `nginx` / `nginx:latest` -> Always; any other tag or a digest -> IfNotPresent. */
export function defaultImagePullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  if (typeof image !== 'string' || image.trim() === '') return 'IfNotPresent';
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > lastSlash ? name.slice(colon + 1) : undefined;
  if (tag === undefined) return at >= 0 ? 'IfNotPresent' : 'Always';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Obj): void {
  if (!isObj(c)) return;
  c.imagePullPolicy ??= defaultImagePullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) p.protocol ??= 'TCP';
  // Limits are copied into missing requests (SetDefaults_Pod).
  if (isObj(c.resources) && isObj(c.resources.limits)) {
    const requests = ensureObj(c.resources, 'requests');
    for (const [k, v] of Object.entries(c.resources.limits)) if (requests[k] === undefined) requests[k] = v;
  }
}

export function defaultPodSpec(spec: Obj, restartPolicy = 'Always'): void {
  if (!isObj(spec)) return;
  spec.restartPolicy ??= restartPolicy;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const list of [spec.containers, spec.initContainers]) if (Array.isArray(list)) list.forEach(defaultContainer);
}

function defaultTemplate(spec: Obj, restartPolicy?: string): void {
  if (!isObj(spec) || !isObj(spec.template)) return;
  ensureObj(spec.template, 'metadata');
  defaultPodSpec(ensureObj(spec.template, 'spec'), restartPolicy);
}

function defaultJobSpec(spec: Obj, jobMeta?: Obj): void {
  if (!isObj(spec)) return;
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.manualSelector ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  // The Job template has no restartPolicy default: validation requires OnFailure or Never.
  defaultTemplate(spec, '');
  if (isObj(spec.template?.spec) && spec.template.spec.restartPolicy === '') delete spec.template.spec.restartPolicy;
  if (jobMeta && !jobMeta.labels && isObj(spec.template?.metadata?.labels)) jobMeta.labels = { ...spec.template.metadata.labels };
}

export function applyDefaults(input: DecodedObject): void {
  const obj = input as Obj;
  if (!isObj(obj.metadata)) obj.metadata = {};
  const spec: Obj = isObj(obj.spec) ? obj.spec : {};
  switch (obj.kind) {
    case 'Deployment': {
      obj.spec = spec;
      spec.replicas ??= 1;
      const strategy = ensureObj(spec, 'strategy');
      strategy.type ??= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const ru = ensureObj(strategy, 'rollingUpdate');
        ru.maxUnavailable ??= '25%';
        ru.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      defaultTemplate(spec);
      break;
    }
    case 'ReplicaSet':
      obj.spec = spec;
      spec.replicas ??= 1;
      defaultTemplate(spec);
      break;
    case 'ReplicationController':
      obj.spec = spec;
      spec.replicas ??= 1;
      // An RC without a selector selects its template's labels.
      if (!isObj(spec.selector) && isObj(spec.template?.metadata?.labels)) spec.selector = { ...spec.template.metadata.labels };
      if (!isObj(obj.metadata.labels) && isObj(spec.template?.metadata?.labels)) obj.metadata.labels = { ...spec.template.metadata.labels };
      defaultTemplate(spec);
      break;
    case 'StatefulSet': {
      obj.spec = spec;
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      const us = ensureObj(spec, 'updateStrategy');
      us.type ??= 'RollingUpdate';
      if (us.type === 'RollingUpdate') ensureObj(us, 'rollingUpdate').partition ??= 0;
      spec.revisionHistoryLimit ??= 10;
      const retention = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
      retention.whenDeleted ??= 'Retain';
      retention.whenScaled ??= 'Retain';
      if (Array.isArray(spec.volumeClaimTemplates)) {
        for (const t of spec.volumeClaimTemplates) if (isObj(t)) ensureObj(t, 'spec').volumeMode ??= 'Filesystem';
      }
      defaultTemplate(spec);
      break;
    }
    case 'DaemonSet': {
      obj.spec = spec;
      const us = ensureObj(spec, 'updateStrategy');
      us.type ??= 'RollingUpdate';
      if (us.type === 'RollingUpdate') {
        const ru = ensureObj(us, 'rollingUpdate');
        ru.maxUnavailable ??= 1;
        ru.maxSurge ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      defaultTemplate(spec);
      break;
    }
    case 'Job':
      obj.spec = spec;
      defaultJobSpec(spec, obj.metadata);
      break;
    case 'CronJob':
      obj.spec = spec;
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      if (isObj(spec.jobTemplate)) defaultJobSpec(ensureObj(spec.jobTemplate, 'spec'));
      break;
    case 'Pod':
      obj.spec = spec;
      defaultPodSpec(spec);
      break;
    case 'Service':
      obj.spec = spec;
      defaultService(spec);
      break;
    case 'PersistentVolumeClaim':
      obj.spec = spec;
      spec.volumeMode ??= 'Filesystem';
      break;
    case 'PersistentVolume':
      obj.spec = spec;
      spec.persistentVolumeReclaimPolicy ??= 'Retain';
      spec.volumeMode ??= 'Filesystem';
      break;
    case 'StorageClass':
      obj.reclaimPolicy ??= 'Delete';
      obj.volumeBindingMode ??= 'Immediate';
      break;
    case 'HorizontalPodAutoscaler':
      obj.spec = spec;
      spec.minReplicas ??= 1;
      break;
    case 'LimitRange':
      // SetDefaults_LimitRangeItem: default <- max, defaultRequest <- default, then min.
      for (const item of Array.isArray(spec.limits) ? spec.limits : []) {
        if (!isObj(item) || item.type !== 'Container') continue;
        const def = isObj(item.default) ? item.default : {};
        for (const [k, v] of Object.entries(isObj(item.max) ? item.max : {})) def[k] ??= v;
        const req = isObj(item.defaultRequest) ? item.defaultRequest : {};
        for (const [k, v] of Object.entries(def)) req[k] ??= v;
        for (const [k, v] of Object.entries(isObj(item.min) ? item.min : {})) req[k] ??= v;
        if (Object.keys(def).length) item.default = def;
        if (Object.keys(req).length) item.defaultRequest = req;
      }
      break;
    case 'PriorityClass':
      obj.preemptionPolicy ??= 'PreemptLowerPriority';
      break;
  }
}

function defaultService(spec: Obj): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = ensureObj(ensureObj(spec, 'sessionAffinityConfig'), 'clientIP');
    cfg.timeoutSeconds ??= 10800;
  }
  if (Array.isArray(spec.ports)) {
    for (const p of spec.ports) {
      if (!isObj(p)) continue;
      p.protocol ??= 'TCP';
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

/**
 * JSON `null` decodes to the zero value in Go: a field set to null is absent to the
 * API server (`rollingUpdate: null`), and a null list item or map value is empty.
 * Removes null-valued fields in place (recursively).
 */
export function dropNulls(value: unknown, depth = 0): void {
  if (depth > 100 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) dropNulls(v, depth + 1);
    return;
  }
  const o = value as Obj;
  for (const k of Object.keys(o)) {
    if (o[k] === null) delete o[k];
    else dropNulls(o[k], depth + 1);
  }
}

/**
 * What the API server does to a decoded object before validating it: nulls are
 * absent, a namespaced object without a namespace gets kubectl's `default`, and a
 * cluster-scoped one loses any namespace it was given; then the kind's defaults.
 */
export function decodeAndDefault(obj: DecodedObject, namespaced: boolean): void {
  dropNulls(obj);
  if (!isObj(obj.metadata)) obj.metadata = {};
  const meta = obj.metadata as Obj;
  if (namespaced) {
    if (typeof meta.namespace !== 'string' || meta.namespace === '') meta.namespace = 'default';
  } else delete meta.namespace;
  applyDefaults(obj);
}
