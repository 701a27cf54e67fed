// IP and port allocation as the API server and node IPAM do it, but
// deterministic: the "random" choice is a hash of the object's name, so an IP
// does not change when unrelated objects are added. Dynamic allocation uses the
// upper part of each range, leaving the lower band for static picks (upstream's
// range offset: min(max(16, size/16), 256) addresses, min(max(16, size/32), 128) ports).

import { fnv32a } from '../names';
import type { SimState } from '../state';
import type { ServiceSpec } from '../kinds/cluster';
import { FieldPath, invalid, type FieldError } from '../../k8s/validation';

export const SERVICE_CIDR = '10.96.0.0/12';
const SERVICE_BASE = ipToInt('10.96.0.0');
const SERVICE_SIZE = 1 << 20;
const SERVICE_STATIC_BAND = Math.min(Math.max(16, SERVICE_SIZE / 16), 256);
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const NODE_PORT_SIZE = NODE_PORT_MAX - NODE_PORT_MIN + 1;
const NODE_PORT_STATIC_BAND = Math.min(Math.max(16, Math.floor(NODE_PORT_SIZE / 32)), 128);
/** The `kubernetes` Service takes the first address. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return NaN;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Allocates (or validates) the ClusterIP of a Service; returns field errors when the requested IP is unusable. */
export function allocateClusterIP(state: SimState, key: string, requested: unknown): { ip?: string; errors: FieldError[] } {
  if (requested === 'None') return { ip: 'None', errors: [] };
  if (typeof requested === 'string' && requested !== '') {
    const n = ipToInt(requested);
    const fail = (why: string) => ({ errors: [invalid(FieldPath.root('spec', 'clusterIPs'), [requested], `failed to allocate IP ${requested}: ${why}`)] });
    if (Number.isNaN(n)) return { errors: [invalid(FieldPath.root('spec', 'clusterIPs').index(0), requested, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')] };
    if (n <= SERVICE_BASE || n >= SERVICE_BASE + SERVICE_SIZE - 1)
      return fail(`the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`);
    if (state.clusterIPs.has(requested)) return fail('provided IP is already allocated');
    state.clusterIPs.add(requested);
    return { ip: requested, errors: [] };
  }
  const span = SERVICE_SIZE - SERVICE_STATIC_BAND - 1;
  const start = fnv32a(key) % span;
  for (let i = 0; i < span; i++) {
    const ip = intToIp(SERVICE_BASE + SERVICE_STATIC_BAND + ((start + i) % span));
    if (!state.clusterIPs.has(ip)) {
      state.clusterIPs.add(ip);
      return { ip, errors: [] };
    }
  }
  return { errors: [invalid(FieldPath.root('spec', 'clusterIPs'), [], 'failed to allocate IP: range is full')] };
}

/** Allocates (or validates) a NodePort for `spec.ports[index]`. */
export function allocateNodePort(state: SimState, seed: string, index: number, requested: unknown): { port?: number; errors: FieldError[] } {
  const field = FieldPath.root('spec', 'ports').index(index).child('nodePort');
  if (typeof requested === 'number' && requested !== 0) {
    if (requested < NODE_PORT_MIN || requested > NODE_PORT_MAX)
      return { errors: [invalid(field, requested, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`)] };
    if (state.nodePorts.has(requested)) return { errors: [invalid(field, requested, 'provided port is already allocated')] };
    state.nodePorts.add(requested);
    return { port: requested, errors: [] };
  }
  const span = NODE_PORT_SIZE - NODE_PORT_STATIC_BAND;
  const start = fnv32a(seed) % span;
  for (let i = 0; i < NODE_PORT_SIZE; i++) {
    const port = NODE_PORT_MIN + ((NODE_PORT_STATIC_BAND + ((start + i) % span)) % NODE_PORT_SIZE);
    if (!state.nodePorts.has(port)) {
      state.nodePorts.add(port);
      return { port, errors: [] };
    }
  }
  return { errors: [invalid(field, 0, 'range is full')] };
}

export function releaseServiceAllocations(state: SimState, spec: ServiceSpec | undefined): void {
  if (!spec) return;
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== 'None') state.clusterIPs.delete(spec.clusterIP);
  if (Array.isArray(spec.ports)) for (const p of spec.ports) if (typeof p?.nodePort === 'number') state.nodePorts.delete(p.nodePort);
}

/** Pod CIDR of the node at `index` (10.244.N.0/24, as kube-controller-manager's range allocator hands them out). */
export function podCIDRForNode(index: number): string {
  return `10.244.${index % 256}.0/24`;
}

/** Next pod IP on a node: .1 is the bridge, so pods start at .2; wraps within the /24. */
export function allocatePodIP(state: SimState, nodeName: string, podCIDR: string): string {
  const base = podCIDR.split('/')[0].split('.').slice(0, 3).join('.');
  const next = state.podIPNext.get(nodeName) ?? 2;
  state.podIPNext.set(nodeName, next >= 254 ? 2 : next + 1);
  return `${base}.${next}`;
}
