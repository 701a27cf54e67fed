// Endpoints and EndpointSlice controllers: for each Service with a selector,
// the pods it selects that have an IP; ready pods serve, others are listed as
// not ready (unless publishNotReadyAddresses). Named targetPorts resolve per
// pod against its container ports; a pod without that port is left out.
// A Service without a selector is not the controllers' business: its
// endpoints are the Endpoints object of the same name and the EndpointSlices
// labelled `kubernetes.io/service-name: <service>` that the user applied.

import { mapSelectorMatches } from '../labels';
import { nameSuffix } from '../names';
import { getObject, listObjects, putObject, sourceOf, updateObject, type SimState } from '../state';
import type { EndpointSlice, Endpoints, Pod, Service } from '../types';
import { isActive, isReady } from './common';

export interface EndpointAddress {
  /** The pod behind the address ('' for an address that is no pod of the cluster, e.g. a database outside it). */
  pod: string;
  ip: string;
  node?: string;
  ready: boolean;
  ports: Array<{ name?: string; port: number; protocol: string }>;
}

/** Resolves a Service port's targetPort for one pod (FindPort). */
export function resolveTargetPort(pod: Pod, targetPort: unknown, protocol = 'TCP'): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  if (typeof targetPort === 'string' && /^\d+$/.test(targetPort)) return Number(targetPort);
  if (typeof targetPort !== 'string') return undefined;
  for (const c of pod.spec.containers ?? []) {
    for (const p of c?.ports ?? []) if (p?.name === targetPort && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

function hasSelector(svc: Service): boolean {
  const selector = svc.spec?.selector;
  return !!selector && typeof selector === 'object' && Object.keys(selector).length > 0;
}

const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);

type PortList = Array<{ name?: string; port: number; protocol: string }>;

function portsOf(list: unknown): PortList {
  const out: PortList = [];
  for (const p of Array.isArray(list) ? (list as unknown[]) : []) {
    if (!p || typeof p !== 'object') continue;
    const { name, port, protocol } = p as { name?: unknown; port?: unknown; protocol?: unknown };
    if (typeof port !== 'number') continue;
    out.push({ ...(typeof name === 'string' && name ? { name } : {}), port, protocol: typeof protocol === 'string' ? protocol : 'TCP' });
  }
  return out;
}

/** Addresses of a selectorless Service: its Endpoints' subsets, else its EndpointSlices (discovery/v1: a nil `ready` means ready). */
function manualEndpoints(state: SimState, svc: Service): EndpointAddress[] {
  const ns = svc.metadata.namespace ?? 'default';
  const out: EndpointAddress[] = [];
  const ep = getObject(state, 'Endpoints', ns, svc.metadata.name);
  for (const subset of Array.isArray(ep?.subsets) ? ep.subsets : []) {
    const ports = portsOf(subset?.ports);
    for (const [list, ready] of [[subset?.addresses, true], [subset?.notReadyAddresses, false]] as const) {
      for (const a of Array.isArray(list) ? list : []) {
        if (typeof a?.ip !== 'string') continue;
        const pod = a.targetRef?.kind === 'Pod' && typeof a.targetRef.name === 'string' ? a.targetRef.name : '';
        out.push({ pod, ip: a.ip, node: typeof a.nodeName === 'string' ? a.nodeName : undefined, ready, ports });
      }
    }
  }
  if (out.length) return out.sort(byIp);
  for (const slice of listObjects(state, 'EndpointSlice', ns)) {
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    const ports = portsOf(slice.ports);
    for (const e of Array.isArray(slice.endpoints) ? slice.endpoints : []) {
      const ready = e?.conditions?.ready !== false;
      const pod = e?.targetRef?.kind === 'Pod' && typeof e.targetRef.name === 'string' ? e.targetRef.name : '';
      for (const ip of Array.isArray(e?.addresses) ? e.addresses : []) {
        if (typeof ip === 'string') out.push({ pod, ip, node: typeof e.nodeName === 'string' ? e.nodeName : undefined, ready, ports });
      }
    }
  }
  return out.sort(byIp);
}

export function serviceEndpoints(state: SimState, svc: Service): EndpointAddress[] {
  if (svc.spec?.type === 'ExternalName') return [];
  if (!hasSelector(svc)) return manualEndpoints(state, svc);
  const selector = svc.spec.selector ?? undefined;
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const out: EndpointAddress[] = [];
  for (const pod of listObjects(state, 'Pod', svc.metadata.namespace ?? 'default')) {
    if (!isActive(pod) || !pod.status?.podIP || !mapSelectorMatches(selector, pod.metadata.labels)) continue;
    const ports: EndpointAddress['ports'] = [];
    let missing = false;
    for (const sp of Array.isArray(svc.spec.ports) ? svc.spec.ports : []) {
      const port = resolveTargetPort(pod, sp?.targetPort, sp?.protocol ?? 'TCP');
      if (port === undefined) missing = true;
      else ports.push({ name: sp.name, port, protocol: sp.protocol ?? 'TCP' });
    }
    if (missing && ports.length === 0 && (svc.spec.ports ?? []).length > 0) continue;
    out.push({ pod: pod.metadata.name, ip: pod.status.podIP, node: pod.spec.nodeName, ready: publishNotReady || isReady(pod), ports });
  }
  return out.sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
}

export function syncEndpoints(state: SimState): boolean {
  let changed = false;
  for (const svc of listObjects(state, 'Service')) {
    if (!hasSelector(svc)) continue;
    const ns = svc.metadata.namespace ?? 'default';
    const addrs = serviceEndpoints(state, svc);
    const subset = {
      addresses: addrs.filter((a) => a.ready).map((a) => ({ ip: a.ip, nodeName: a.node, targetRef: { kind: 'Pod', name: a.pod, namespace: ns } })),
      notReadyAddresses: addrs.filter((a) => !a.ready).map((a) => ({ ip: a.ip, nodeName: a.node, targetRef: { kind: 'Pod', name: a.pod, namespace: ns } })),
    };
    const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: ns, labels: svc.metadata.labels }, subsets: addrs.length ? [subset] : [] };
    const existing = getObject(state, 'Endpoints', ns, svc.metadata.name);
    if (!existing) {
      putObject(state, ep, sourceOf(state, svc));
      changed = true;
    } else if (JSON.stringify(existing.subsets) !== JSON.stringify(ep.subsets)) {
      existing.subsets = ep.subsets;
      updateObject(state, existing);
      changed = true;
    }
    const sliceName = `${svc.metadata.name}-${nameSuffix(`${ns}/${svc.metadata.name}`)}`;
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: sliceName, namespace: ns, labels: { 'kubernetes.io/service-name': svc.metadata.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      endpoints: addrs.map((a) => ({ addresses: [a.ip], conditions: { ready: a.ready, serving: a.ready, terminating: false }, nodeName: a.node, targetRef: { kind: 'Pod', name: a.pod, namespace: ns } })),
      ports: (addrs[0]?.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol })),
    };
    const oldSlice = getObject(state, 'EndpointSlice', ns, sliceName);
    if (!oldSlice) putObject(state, slice, sourceOf(state, svc));
    else if (JSON.stringify(oldSlice.endpoints) !== JSON.stringify(slice.endpoints)) {
      oldSlice.endpoints = slice.endpoints;
      oldSlice.ports = slice.ports;
    }
  }
  return changed;
}
