// API-server validation of a defaulted object: the subset of
// pkg/apis/*/validation that manifests commonly trip over, with upstream's
// field paths and wording so the message reads like `kubectl apply` output.

import { nameRuleForKind } from '../../k8s/names';
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, goMapString } from '../names';
import { selectorMatches } from '../labels';
import { resourceAmount } from '../units';
import type { KubeObject } from '../types';

type Obj = Record<string, any>;

export interface FieldError {
  field: string;
  /** `Invalid value: "x": reason`, `Required value`, ... */
  detail: string;
}

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObj(v) && Object.values(v).every((x) => typeof x === 'string')) return goMapString(v as Record<string, string>);
  return JSON.stringify(v);
}

export const invalid = (field: string, value: unknown, reason: string): FieldError => ({ field, detail: `Invalid value: ${goValue(value)}: ${reason}` });
export const required = (field: string, reason?: string): FieldError => ({ field, detail: reason ? `Required value: ${reason}` : 'Required value' });
const unsupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  field,
  detail: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});

/** `The Deployment "web" is invalid: ...` as kubectl prints an Invalid status. */
export function invalidMessage(obj: KubeObject, errors: FieldError[]): string {
  const head = `The ${obj.kind} ${JSON.stringify(obj.metadata?.name ?? '')} is invalid: `;
  if (errors.length === 1) return head + `${errors[0].field}: ${errors[0].detail}`;
  return head + '\n' + errors.map((e) => `* ${e.field}: ${e.detail}`).join('\n');
}

function validateName(obj: KubeObject, errs: FieldError[]): void {
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    errs.push(required('metadata.name', 'name or generateName is required'));
    return;
  }
  const slash = obj.apiVersion.indexOf('/');
  const rule = nameRuleForKind(slash < 0 ? '' : obj.apiVersion.slice(0, slash), obj.kind, true);
  const reasons =
    rule === 'dns1123-label' ? dns1123LabelErrors(name) : rule === 'dns1035-label' ? dns1035LabelErrors(name) : rule === 'dns1123-subdomain' ? dns1123SubdomainErrors(name) : name.includes('/') ? ["may not contain '/'"] : [];
  for (const r of reasons) errs.push(invalid('metadata.name', name, r));
  const ns = obj.metadata.namespace;
  if (typeof ns === 'string') for (const r of dns1123LabelErrors(ns)) errs.push(invalid('metadata.namespace', ns, r));
}

function nonNegative(errs: FieldError[], field: string, v: unknown): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v)) errs.push(invalid(field, v, 'must be an integer'));
  else if (v < 0) errs.push(invalid(field, v, 'must be greater than or equal to 0'));
  else if (v > 2147483647) errs.push(invalid(field, v, 'must be less than or equal to 2147483647'));
}

function validateContainers(errs: FieldError[], path: string, list: unknown, requiredList: boolean): void {
  if (!Array.isArray(list) || list.length === 0) {
    if (requiredList) errs.push(required(path));
    return;
  }
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(c)) return;
    if (typeof c.name !== 'string' || c.name === '') errs.push(required(`${p}.name`));
    else {
      for (const r of dns1123LabelErrors(c.name)) errs.push(invalid(`${p}.name`, c.name, r));
      if (names.has(c.name)) errs.push({ field: `${p}.name`, detail: `Duplicate value: ${JSON.stringify(c.name)}` });
      names.add(c.name);
    }
    if (typeof c.image !== 'string' || c.image.trim() === '') errs.push(required(`${p}.image`));
    const requests = isObj(c.resources?.requests) ? c.resources.requests : {};
    const limits = isObj(c.resources?.limits) ? c.resources.limits : {};
    for (const [k, v] of Object.entries({ ...requests })) {
      const req = resourceAmount(k, v);
      if (req === undefined) continue;
      if (req < 0) errs.push(invalid(`${p}.resources.requests[${k}]`, String(v), 'must be greater than or equal to 0'));
      const lim = limits[k] !== undefined ? resourceAmount(k, limits[k]) : undefined;
      if (lim !== undefined && req > lim) errs.push(invalid(`${p}.resources.requests`, String(v), `must be less than or equal to ${k} limit of ${String(limits[k])}`));
    }
    if (Array.isArray(c.ports)) {
      c.ports.forEach((port: Obj, j: number) => {
        if (!isObj(port)) return;
        const cp = port.containerPort;
        if (typeof cp !== 'number' || cp < 1 || cp > 65535) errs.push(invalid(`${p}.ports[${j}].containerPort`, cp, 'must be between 1 and 65535, inclusive'));
      });
    }
  });
}

function validatePodSpec(errs: FieldError[], path: string, spec: unknown, allowedRestart?: string[]): void {
  if (!isObj(spec)) {
    errs.push(required(path));
    return;
  }
  validateContainers(errs, `${path}.containers`, spec.containers, true);
  validateContainers(errs, `${path}.initContainers`, spec.initContainers, false);
  const allowed = allowedRestart ?? ['Always', 'OnFailure', 'Never'];
  if (spec.restartPolicy === undefined) errs.push(required(`${path}.restartPolicy`, `valid values: ${allowed.map((s) => JSON.stringify(s)).join(', ')}`));
  else if (!allowed.includes(spec.restartPolicy)) errs.push(unsupported(`${path}.restartPolicy`, spec.restartPolicy, allowed));
}

/** Deployment/ReplicaSet/StatefulSet/DaemonSet: the selector is required and must select the template. */
function validateWorkloadSelector(errs: FieldError[], spec: Obj, kindLabel: string): void {
  const sel = spec.selector;
  const labels = isObj(spec.template?.metadata?.labels) ? spec.template.metadata.labels : {};
  if (!isObj(sel)) {
    errs.push(required('spec.selector'));
    return;
  }
  if (!isObj(sel.matchLabels) && !(Array.isArray(sel.matchExpressions) && sel.matchExpressions.length > 0)) {
    errs.push(invalid('spec.selector', 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}', `empty selector is invalid for ${kindLabel}`));
    return;
  }
  if (!selectorMatches(sel, labels)) errs.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
}

function validateService(errs: FieldError[], spec: Obj): void {
  const types = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
  if (!types.includes(spec.type)) errs.push(unsupported('spec.type', spec.type, types));
  if (spec.type === 'ExternalName') {
    if (typeof spec.externalName !== 'string' || spec.externalName === '') errs.push(required('spec.externalName'));
    return;
  }
  const headless = spec.clusterIP === 'None';
  if (!Array.isArray(spec.ports) || spec.ports.length === 0) {
    if (!headless) errs.push(required('spec.ports'));
    return;
  }
  const names = new Set<string>();
  spec.ports.forEach((p: Obj, i: number) => {
    if (!isObj(p)) return;
    const path = `spec.ports[${i}]`;
    if (spec.ports.length > 1 && (typeof p.name !== 'string' || p.name === '')) errs.push(required(`${path}.name`));
    if (typeof p.name === 'string' && p.name !== '') {
      if (names.has(p.name)) errs.push({ field: `${path}.name`, detail: `Duplicate value: ${JSON.stringify(p.name)}` });
      names.add(p.name);
    }
    if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) errs.push(invalid(`${path}.port`, p.port, 'must be between 1 and 65535, inclusive'));
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535)) errs.push(invalid(`${path}.targetPort`, p.targetPort, 'must be between 1 and 65535, inclusive'));
    if (p.nodePort !== undefined && spec.type === 'ClusterIP') errs.push({ field: `${path}.nodePort`, detail: 'Forbidden: may not be used when `type` is \'ClusterIP\'' });
  });
}

/** Field errors of a defaulted object (empty when the API server would accept it). */
export function validateObject(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  validateName(obj, errs);
  const spec: Obj = isObj(obj.spec) ? obj.spec : {};
  switch (obj.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      if (obj.kind !== 'DaemonSet') nonNegative(errs, 'spec.replicas', spec.replicas);
      validateWorkloadSelector(errs, spec, obj.kind.toLowerCase());
      validatePodSpec(errs, 'spec.template.spec', spec.template?.spec, ['Always']);
      if (obj.kind === 'Deployment') validateDeploymentStrategy(errs, spec.strategy);
      break;
    }
    case 'ReplicationController':
      nonNegative(errs, 'spec.replicas', spec.replicas);
      if (!isObj(spec.selector) || Object.keys(spec.selector).length === 0) errs.push(required('spec.selector'));
      else if (!Object.entries(spec.selector).every(([k, v]) => spec.template?.metadata?.labels?.[k] === v))
        errs.push(invalid('spec.template.metadata.labels', spec.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
      validatePodSpec(errs, 'spec.template.spec', spec.template?.spec, ['Always']);
      break;
    case 'Job':
      nonNegative(errs, 'spec.parallelism', spec.parallelism);
      nonNegative(errs, 'spec.completions', spec.completions);
      nonNegative(errs, 'spec.backoffLimit', spec.backoffLimit);
      validatePodSpec(errs, 'spec.template.spec', spec.template?.spec, ['OnFailure', 'Never']);
      break;
    case 'CronJob':
      if (typeof spec.schedule !== 'string' || spec.schedule.trim() === '') errs.push(required('spec.schedule'));
      if (typeof obj.metadata.name === 'string' && obj.metadata.name.length > 52) errs.push(invalid('metadata.name', obj.metadata.name, 'must be no more than 52 characters'));
      validatePodSpec(errs, 'spec.jobTemplate.spec.template.spec', spec.jobTemplate?.spec?.template?.spec, ['OnFailure', 'Never']);
      break;
    case 'Pod':
      validatePodSpec(errs, 'spec', spec);
      break;
    case 'Service':
      validateService(errs, spec);
      break;
    case 'HorizontalPodAutoscaler':
      if (typeof spec.maxReplicas !== 'number') errs.push(required('spec.maxReplicas'));
      else if (spec.maxReplicas < 1) errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to 1'));
      if (typeof spec.minReplicas === 'number' && typeof spec.maxReplicas === 'number' && spec.minReplicas > spec.maxReplicas)
        errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
      if (!isObj(spec.scaleTargetRef)) errs.push(required('spec.scaleTargetRef'));
      break;
    case 'PersistentVolumeClaim':
      if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
      if (spec.resources?.requests?.storage === undefined && !spec.volumeName) errs.push(required('spec.resources[storage]'));
      break;
  }
  return errs;
}

function validateDeploymentStrategy(errs: FieldError[], strategy: Obj | undefined): void {
  if (!isObj(strategy)) return;
  const types = ['Recreate', 'RollingUpdate'];
  if (!types.includes(strategy.type)) {
    errs.push(unsupported('spec.strategy.type', strategy.type, types));
    return;
  }
  if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    errs.push({ field: 'spec.strategy.rollingUpdate', detail: "Forbidden: may not be specified when strategy `type` is 'Recreate'" });
    return;
  }
  const ru = strategy.rollingUpdate;
  if (!isObj(ru)) return;
  const check = (key: string) => {
    const v = ru[key];
    if (typeof v === 'string' && !/^\d+%$/.test(v)) errs.push(invalid(`spec.strategy.rollingUpdate.${key}`, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
    else if (typeof v === 'number' && v < 0) errs.push(invalid(`spec.strategy.rollingUpdate.${key}`, v, 'must be greater than or equal to 0'));
  };
  check('maxUnavailable');
  check('maxSurge');
  const zero = (v: unknown) => v === 0 || v === '0%';
  if (zero(ru.maxUnavailable) && zero(ru.maxSurge)) errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  if (typeof ru.maxUnavailable === 'string' && /^\d+%$/.test(ru.maxUnavailable) && parseInt(ru.maxUnavailable, 10) > 100)
    errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'must not be greater than 100%'));
}
