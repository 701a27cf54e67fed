// Admission plugins of a default API server, in their upstream order:
// NamespaceLifecycle, LimitRanger, ServiceAccount, Priority,
// DefaultTolerationSeconds, RuntimeClass, then ResourceQuota (validating, last).
// Each returns the `is forbidden`/`not found` text a user would see, or mutates.

import { getObject, listObjects, type SimState } from '../state';
import { formatAmount, resourceAmount, resourceList } from '../units';
import { podTotals } from '../podresources';
import { isKind, type ApiObject, type LimitRangeItem, type PersistentVolumeClaim, type Pod, type ResourceQuota, type Toleration } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
/** A typed value read from YAML is still checked for being an object (hand-written YAML can hold anything). */
const isPresent = <T extends object>(v: T | null | undefined): v is T => !!v && typeof v === 'object' && !Array.isArray(v);

/** Namespaces every cluster has. */
export const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Built-in PriorityClasses (pkg/apis/scheduling). */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/** Resource name used in `pods "x" is forbidden` (lower-case plural). */
export function resourcePlural(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('s')) return k + 'es';
  if (k.endsWith('y')) return k.slice(0, -1) + 'ies';
  return k + 's';
}

function forbidden(obj: ApiObject, why: string): string {
  return `${resourcePlural(obj.kind)} ${JSON.stringify(obj.metadata.name)} is forbidden: ${why}`;
}

export function namespaceExists(state: SimState, ns: string): boolean {
  return BUILTIN_NAMESPACES.includes(ns) || state.assumedNamespaces.includes(ns) || !!getObject(state, 'Namespace', undefined, ns);
}

/** Runs admission on an object about to be created; returns the rejection message or undefined. */
export function admit(state: SimState, obj: ApiObject, namespaced: boolean): string | undefined {
  const ns = obj.metadata.namespace ?? 'default';
  if (namespaced && !namespaceExists(state, ns)) return `namespaces ${JSON.stringify(ns)} not found`;
  if (obj.kind === 'Pod') {
    const pod = obj as Pod;
    const lr = limitRanger(state, pod);
    if (lr) return forbidden(obj, lr);
    const sa = serviceAccount(state, pod);
    if (sa) return forbidden(obj, sa);
    const pc = priority(state, pod);
    if (pc) return forbidden(obj, pc);
    defaultTolerationSeconds(pod);
    const rc = runtimeClass(state, pod);
    if (rc) return forbidden(obj, rc);
  }
  if (isKind(obj, 'PersistentVolumeClaim')) {
    const lr = limitRangerPVC(state, obj);
    if (lr) return forbidden(obj, lr);
  }
  if (namespaced) {
    const q = resourceQuota(state, obj);
    if (q) return forbidden(obj, q);
  }
  return undefined;
}

function limitRanges(state: SimState, ns: string): LimitRangeItem[] {
  return listObjects(state, 'LimitRange', ns).flatMap((lr) => (Array.isArray(lr.spec?.limits) ? lr.spec.limits.filter(isPresent) : []));
}

function limitRanger(state: SimState, pod: Pod): string | undefined {
  const items = limitRanges(state, pod.metadata.namespace ?? 'default');
  if (items.length === 0) return undefined;
  const errors: string[] = [];
  const containers = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])].filter(isPresent);
  for (const item of items.filter((i) => i.type === 'Container')) {
    for (const c of containers) {
      const res = (c.resources ??= {});
      // Defaults: `default` fills limits, `defaultRequest` (else `default`) fills requests.
      for (const [k, v] of Object.entries(isPresent(item.default) ? item.default : {})) {
        res.limits ??= {};
        res.limits[k] ??= v;
      }
      for (const [k, v] of Object.entries(isPresent(item.defaultRequest) ? item.defaultRequest : {})) {
        res.requests ??= {};
        res.requests[k] ??= v;
      }
      const req = resourceList(res.requests);
      const lim = resourceList(res.limits);
      for (const [k, v] of Object.entries(isPresent(item.min) ? item.min : {})) {
        const min = resourceAmount(k, v);
        if (min === undefined) continue;
        if (req[k] === undefined) errors.push(`minimum ${k} usage per Container is ${v}.  No request is specified`);
        else if (req[k] < min) errors.push(`minimum ${k} usage per Container is ${v}, but request is ${formatAmount(k, req[k])}`);
      }
      for (const [k, v] of Object.entries(isPresent(item.max) ? item.max : {})) {
        const max = resourceAmount(k, v);
        if (max === undefined) continue;
        if (lim[k] === undefined) errors.push(`maximum ${k} usage per Container is ${v}.  No limit is specified`);
        else if (lim[k] > max) errors.push(`maximum ${k} usage per Container is ${v}, but limit is ${formatAmount(k, lim[k])}`);
      }
    }
  }
  for (const item of items.filter((i) => i.type === 'Pod')) {
    const { requests, limits } = podTotals(pod);
    for (const [k, v] of Object.entries(isPresent(item.max) ? item.max : {})) {
      const max = resourceAmount(k, v);
      if (max !== undefined && limits[k] !== undefined && limits[k] > max) errors.push(`maximum ${k} usage per Pod is ${v}, but limit is ${formatAmount(k, limits[k])}`);
    }
    for (const [k, v] of Object.entries(isPresent(item.min) ? item.min : {})) {
      const min = resourceAmount(k, v);
      if (min !== undefined && requests[k] !== undefined && requests[k] < min) errors.push(`minimum ${k} usage per Pod is ${v}, but request is ${formatAmount(k, requests[k])}`);
    }
  }
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

function limitRangerPVC(state: SimState, pvc: PersistentVolumeClaim): string | undefined {
  const request = resourceAmount('storage', pvc.spec?.resources?.requests?.storage);
  if (request === undefined) return undefined;
  for (const item of limitRanges(state, pvc.metadata.namespace ?? 'default').filter((i) => i.type === 'PersistentVolumeClaim')) {
    const maxStorage = isPresent(item.max) ? item.max.storage : undefined;
    const max = resourceAmount('storage', maxStorage);
    if (max !== undefined && request > max) return `maximum storage usage per PersistentVolumeClaim is ${maxStorage}, but request is ${formatAmount('storage', request)}`;
    const minStorage = isPresent(item.min) ? item.min.storage : undefined;
    const min = resourceAmount('storage', minStorage);
    if (min !== undefined && request < min) return `minimum storage usage per PersistentVolumeClaim is ${minStorage}, but request is ${formatAmount('storage', request)}`;
  }
  return undefined;
}

function serviceAccount(state: SimState, pod: Pod): string | undefined {
  const name = typeof pod.spec.serviceAccountName === 'string' && pod.spec.serviceAccountName !== '' ? pod.spec.serviceAccountName : typeof pod.spec.serviceAccount === 'string' && pod.spec.serviceAccount !== '' ? pod.spec.serviceAccount : 'default';
  pod.spec.serviceAccountName = name;
  const ns = pod.metadata.namespace ?? 'default';
  if (name !== 'default' && !getObject(state, 'ServiceAccount', ns, name)) return `error looking up service account ${ns}/${name}: serviceaccount ${JSON.stringify(name)} not found`;
  return undefined;
}

/** PriorityClass value of a class name (undefined if unknown). */
export function priorityClassValue(state: SimState, name: string): { value: number; preemptionPolicy?: string } | undefined {
  if (SYSTEM_PRIORITY_CLASSES[name] !== undefined) return { value: SYSTEM_PRIORITY_CLASSES[name] };
  const pc = getObject(state, 'PriorityClass', undefined, name);
  if (!pc) return undefined;
  return { value: typeof pc.value === 'number' ? pc.value : 0, preemptionPolicy: pc.preemptionPolicy };
}

function priority(state: SimState, pod: Pod): string | undefined {
  let name = pod.spec.priorityClassName;
  if (typeof name !== 'string' || name === '') {
    const global = listObjects(state, 'PriorityClass').find((pc) => pc.globalDefault === true);
    if (!global) {
      pod.spec.priority = 0;
      pod.spec.preemptionPolicy ??= 'PreemptLowerPriority';
      return undefined;
    }
    name = global.metadata.name;
    pod.spec.priorityClassName = name;
  }
  const pc = priorityClassValue(state, name);
  if (!pc) return `no PriorityClass with name ${name} was found`;
  pod.spec.priority = pc.value;
  pod.spec.preemptionPolicy = (pc.preemptionPolicy as Pod['spec']['preemptionPolicy']) ?? pod.spec.preemptionPolicy ?? 'PreemptLowerPriority';
  return undefined;
}

/**
 * RuntimeClass (plugin/pkg/admission/runtimeclass/admission.go): the class must
 * exist; its `overhead.podFixed` becomes the pod's overhead (a different overhead
 * already on the pod is refused); its scheduling nodeSelector is merged into the
 * pod's (a conflicting key is refused) and its tolerations are added.
 */
function runtimeClass(state: SimState, pod: Pod): string | undefined {
  const spec = pod.spec;
  const name: unknown = spec.runtimeClassName;
  if (typeof name !== 'string' || name === '') {
    if (isObj(spec.overhead) && Object.keys(spec.overhead).length > 0) return 'pod rejected: Overhead set without corresponding RuntimeClass defined';
    return undefined;
  }
  const rc = getObject(state, 'RuntimeClass', undefined, name);
  if (!rc) return `pod rejected: RuntimeClass ${JSON.stringify(name)} not found`;
  const fixed = isPresent(rc.overhead) && isPresent(rc.overhead.podFixed) ? rc.overhead.podFixed : undefined;
  if (fixed) {
    if (isObj(spec.overhead) && JSON.stringify(spec.overhead) !== JSON.stringify(fixed)) return "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";
    spec.overhead = { ...fixed };
  } else if (isObj(spec.overhead) && Object.keys(spec.overhead).length > 0) {
    return "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";
  }
  const scheduling = isPresent(rc.scheduling) ? rc.scheduling : undefined;
  if (scheduling) {
    if (isPresent(scheduling.nodeSelector)) {
      const selector: Record<string, string> = isPresent(spec.nodeSelector) ? { ...spec.nodeSelector } : {};
      for (const [k, v] of Object.entries(scheduling.nodeSelector)) {
        if (k in selector && selector[k] !== v) return `conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${String(v)}; pod.spec.nodeSelector[${k}] = ${String(selector[k])}`;
        selector[k] = v;
      }
      spec.nodeSelector = selector;
    }
    if (Array.isArray(scheduling.tolerations)) {
      const tolerations: Toleration[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
      for (const t of scheduling.tolerations) if (!tolerations.some((x) => JSON.stringify(x) === JSON.stringify(t))) tolerations.push(t);
      spec.tolerations = tolerations;
    }
  }
  return undefined;
}

function defaultTolerationSeconds(pod: Pod): void {
  const tolerations = (pod.spec.tolerations = Array.isArray(pod.spec.tolerations) ? pod.spec.tolerations : []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const covered = tolerations.some((t) => isObj(t) && (t.key === key || (t.operator === 'Exists' && !t.key)) && (!t.effect || t.effect === 'NoExecute'));
    if (!covered) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

// --- ResourceQuota ---

const COUNT_NAMES: Record<string, string[]> = {
  Pod: ['pods', 'count/pods'],
  Service: ['services', 'count/services'],
  PersistentVolumeClaim: ['persistentvolumeclaims', 'count/persistentvolumeclaims'],
  ConfigMap: ['configmaps', 'count/configmaps'],
  Secret: ['secrets', 'count/secrets'],
  ReplicationController: ['replicationcontrollers', 'count/replicationcontrollers'],
  ResourceQuota: ['resourcequotas', 'count/resourcequotas'],
  Deployment: ['count/deployments.apps'],
  ReplicaSet: ['count/replicasets.apps'],
  StatefulSet: ['count/statefulsets.apps'],
  DaemonSet: ['count/daemonsets.apps'],
  Job: ['count/jobs.batch'],
  CronJob: ['count/cronjobs.batch'],
};

const isTerminal = (o: ApiObject) => isKind(o, 'Pod') && (o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed');

/** What one object charges against a quota, by quota resource name. */
export function quotaUsage(obj: ApiObject): Record<string, number> {
  const usage: Record<string, number> = {};
  if (isTerminal(obj)) return usage;
  for (const n of COUNT_NAMES[obj.kind] ?? []) usage[n] = 1;
  if (isKind(obj, 'Pod')) {
    const { requests, limits } = podTotals(obj);
    for (const r of Object.keys(requests)) {
      usage[`requests.${r}`] = requests[r];
      if (r === 'cpu' || r === 'memory' || r === 'ephemeral-storage') usage[r] = requests[r];
    }
    for (const r of Object.keys(limits)) usage[`limits.${r}`] = limits[r];
  } else if (isKind(obj, 'Service')) {
    if (obj.spec?.type === 'NodePort') usage['services.nodeports'] = Array.isArray(obj.spec.ports) ? obj.spec.ports.length : 0;
    if (obj.spec?.type === 'LoadBalancer') usage['services.loadbalancers'] = 1;
  } else if (isKind(obj, 'PersistentVolumeClaim')) {
    const s = resourceAmount('storage', obj.spec?.resources?.requests?.storage);
    if (s !== undefined) usage['requests.storage'] = s;
    const cls = obj.spec?.storageClassName;
    if (typeof cls === 'string') {
      usage[`${cls}.storageclass.storage.k8s.io/requests.storage`] = s ?? 0;
      usage[`${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`] = 1;
    }
  }
  return usage;
}

const COMPUTE = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];

/** Whether a quota's scopes / scopeSelector cover an object (scoped quotas only track pods). */
function quotaCovers(q: ResourceQuota, obj: ApiObject): boolean {
  const scopes: string[] = Array.isArray(q.spec?.scopes) ? q.spec.scopes : [];
  const exprs = Array.isArray(q.spec?.scopeSelector?.matchExpressions) ? q.spec.scopeSelector.matchExpressions.filter(isPresent) : [];
  if (scopes.length === 0 && exprs.length === 0) return true;
  if (!isKind(obj, 'Pod')) return false;
  const pod = obj;
  const bestEffort = podTotals(pod).requests.cpu === undefined && podTotals(pod).requests.memory === undefined && Object.keys(podTotals(pod).limits).length === 0;
  const terminating = typeof pod.spec.activeDeadlineSeconds === 'number';
  const scopeMatches = (name: string, op = 'Exists', values: string[] = []): boolean => {
    switch (name) {
      case 'BestEffort':
        return bestEffort;
      case 'NotBestEffort':
        return !bestEffort;
      case 'Terminating':
        return terminating;
      case 'NotTerminating':
        return !terminating;
      case 'PriorityClass': {
        const pc = pod.spec.priorityClassName ?? '';
        if (op === 'Exists') return pc !== '';
        if (op === 'DoesNotExist') return pc === '';
        return op === 'In' ? values.includes(pc) : !values.includes(pc);
      }
      default:
        return false;
    }
  };
  return scopes.every((s) => scopeMatches(s)) && exprs.every((e) => scopeMatches(e.scopeName, e.operator, Array.isArray(e.values) ? e.values : []));
}

function resourceQuota(state: SimState, obj: ApiObject): string | undefined {
  const ns = obj.metadata.namespace ?? 'default';
  const quotas = listObjects(state, 'ResourceQuota', ns).filter((q) => isObj(q.spec?.hard) && quotaCovers(q, obj));
  if (quotas.length === 0) return undefined;
  const requested = quotaUsage(obj);
  const usageByQuota = quotas.map(() => ({}) as Record<string, number>);
  for (const o of state.objects.values()) {
    if ((o.metadata.namespace ?? 'default') !== ns) continue;
    const u = quotaUsage(o);
    usageByQuota.forEach((acc, i) => {
      if (!quotaCovers(quotas[i], o)) return;
      for (const [k, v] of Object.entries(u)) acc[k] = (acc[k] ?? 0) + v;
    });
  }
  for (let i = 0; i < quotas.length; i++) {
    const q = quotas[i];
    const hard: Record<string, unknown> = q.spec?.hard ?? {};
    if (isKind(obj, 'Pod')) {
      // A pod must state every compute resource the quota constrains.
      const missing = COMPUTE.filter((r) => hard[r] !== undefined && requested[r.includes('.') ? r : `requests.${r}`] === undefined);
      if (missing.length) {
        const names = (obj.spec?.containers ?? []).map((c) => c?.name).filter(Boolean).join(',');
        return `failed quota: ${q.metadata.name}: must specify ${missing.sort().map((m) => `${m} for: ${names}`).join('; ')}`;
      }
    }
    const over: string[] = [];
    for (const [r, h] of Object.entries(hard)) {
      const req = requested[r];
      if (req === undefined) continue;
      const limit = resourceAmount(baseResource(r), h);
      if (limit === undefined) continue;
      const used = usageByQuota[i][r] ?? 0;
      if (used + req > limit) over.push(r);
    }
    if (over.length) {
      over.sort();
      const fmt = (r: string, v: number) => `${r}=${formatAmount(baseResource(r), v)}`;
      return (
        `exceeded quota: ${q.metadata.name}, requested: ${over.map((r) => fmt(r, requested[r])).join(',')}, ` +
        `used: ${over.map((r) => fmt(r, usageByQuota[i][r] ?? 0)).join(',')}, limited: ${over.map((r) => `${r}=${String(hard[r])}`).join(',')}`
      );
    }
  }
  return undefined;
}

function baseResource(quotaName: string): string {
  const last = quotaName.split('/').pop()!;
  if (last.startsWith('requests.') || last.startsWith('limits.')) return last.slice(last.indexOf('.') + 1);
  return last === 'cpu' || last === 'memory' ? last : 'count';
}
