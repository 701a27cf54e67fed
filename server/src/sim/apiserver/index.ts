// The simulated API server's write path: decoding -> defaulting -> validation ->
// admission -> allocation -> storage, for manifests (`kubectl apply`) and for
// objects the controllers create. Rejections carry the message a user would see.
// Decoding (schema/decode.ts), defaulting (k8s/defaults.ts) and validation
// (k8s/validation) are the same functions the editor and `drydock check` run.

import { decodeAndDefault } from '../../k8s/defaults';
import { invalidMessage, validateObject } from '../../k8s/validation';
import { decodeTypeMeta, kindsFromCrd, registryFor, SchemaRegistry, type CrdDefinition } from '../../schema';
import { keyOf, getObject, isClusterScoped, listObjects, putObject, updateObject, type SimState } from '../state';
import { qosClass } from '../podresources';
import type { ApiObject, GenericObject, Pod, Service, SimObject, SourceRef } from '../types';
import { asJson } from '../boundary';
import { admit } from './admission';
import { allocateClusterIP, allocateNodePort, releaseServiceAllocations } from './allocators';

/**
 * The kinds this cluster serves: built-in ones plus those of the CRDs created so far. The
 * answer is kept in the state (`servedKinds`) while the same CRD objects are stored (an
 * update stores a new object, so identity is the version).
 */
function servedKinds(state: SimState): SchemaRegistry {
  const crds = listObjects(state, 'CustomResourceDefinition');
  if (crds.length === 0) return registryFor();
  const kept = state.servedKinds;
  if (kept && kept.crds.length === crds.length && kept.crds.every((c, i) => c === crds[i])) return kept.registry;
  const defs: CrdDefinition[] = [];
  for (const c of crds) for (const k of kindsFromCrd(c)) defs.push({ ...k, uri: '' });
  const registry = new SchemaRegistry();
  registry.setCrds(defs, crds);
  state.servedKinds = { crds, registry };
  return registry;
}

export type CreateResult = { ok: true; object: ApiObject } | { ok: false; message: string };

function allocateService(state: SimState, svc: Service, previous?: Service): string | undefined {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') return undefined;
  const seed = keyOf('Service', svc.metadata.namespace, svc.metadata.name);
  // Re-applying a Service keeps its allocations unless the user changed them.
  if (previous) releaseServiceAllocations(state, previous.spec);
  const requested = spec.clusterIP ?? previous?.spec?.clusterIP;
  const ip = allocateClusterIP(state, seed, requested);
  if (ip.errors.length) {
    if (previous) restoreAllocations(state, previous);
    return invalidMessage(svc.kind, svc.metadata.name, ip.errors);
  }
  if (ip.ip !== undefined) {
    spec.clusterIP = ip.ip;
    spec.clusterIPs = [ip.ip];
  }
  if (spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false)) {
    const errors = [];
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i];
      if (!p || typeof p !== 'object') continue;
      const prev = previous?.spec?.ports?.[i]?.nodePort;
      const r = allocateNodePort(state, `${seed}#${i}`, i, p.nodePort ?? prev);
      if (r.errors.length) errors.push(...r.errors);
      else p.nodePort = r.port;
    }
    if (errors.length) {
      releaseServiceAllocations(state, spec);
      if (previous) restoreAllocations(state, previous);
      return invalidMessage(svc.kind, svc.metadata.name, errors);
    }
  }
  return undefined;
}

function restoreAllocations(state: SimState, svc: Service): void {
  if (typeof svc.spec?.clusterIP === 'string' && svc.spec.clusterIP !== 'None') state.clusterIPs.add(svc.spec.clusterIP);
  for (const p of Array.isArray(svc.spec?.ports) ? svc.spec.ports : []) if (typeof p?.nodePort === 'number') state.nodePorts.add(p.nodePort);
}

/**
 * Creates or updates an object as `kubectl apply` does. `previous` status and
 * identity are kept on update; controllers' objects go through the same path.
 */
export function applyObject(state: SimState, input: SimObject, source?: SourceRef, decodeFailure?: string): CreateResult {
  // A manifest kubectl or the API server could not decode (strict field validation, wrong types,
  // YAML errors; found by sim/input.ts with the editor's checks) is refused as it is applied.
  if (decodeFailure !== undefined) return { ok: false, message: decodeFailure };
  const registry = servedKinds(state);
  const typeProblem = decodeTypeMeta(input, registry).problems.find((p) => p.severity === 'error');
  if (typeProblem) return { ok: false, message: typeProblem.message };
  // Read as a generic object while decoding, defaulting and validation read it (they take any JSON), typed afterwards.
  const obj = structuredClone(input) as GenericObject;
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = { name: '' };
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  const namespaced = registry.isNamespaced(slash < 0 ? '' : apiVersion.slice(0, slash), obj.kind) ?? !isClusterScoped(obj.kind);
  decodeAndDefault(obj, namespaced && !isClusterScoped(obj.kind));
  // A custom resource whose CRD this cluster does not know is taken as it is (the editor does not check it either).
  if (registry.lookup(slash < 0 ? '' : apiVersion.slice(0, slash), slash < 0 ? apiVersion : apiVersion.slice(slash + 1), obj.kind)) {
    const { errors } = validateObject(obj, { namespaced });
    if (errors.length) return { ok: false, message: invalidMessage(obj.kind, typeof obj.metadata.name === 'string' ? obj.metadata.name : '', errors) };
  }
  const previous = getObject(state, obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (!previous) {
    // A resourceVersion on create is refused by the validation core; the uid is the server's to assign (rest.BeforeCreate).
    delete obj.metadata.uid;
    const denied = admit(state, obj, namespaced);
    if (denied) return { ok: false, message: denied };
  } else if (obj.kind === 'Pod') {
    // Pod specs are immutable apart from a few fields; the simulator keeps the running pod.
    return { ok: true, object: previous };
  }
  if (obj.kind === 'Service') {
    const err = allocateService(state, obj as Service, previous as Service | undefined);
    if (err) return { ok: false, message: err };
  }
  if (obj.kind === 'Pod') {
    const pod = obj as Pod;
    pod.status = { phase: 'Pending', qosClass: qosClass(pod), conditions: [] };
  }
  if (previous) {
    obj.metadata.uid = previous.metadata.uid;
    obj.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    obj.metadata.ownerReferences ??= previous.metadata.ownerReferences;
    obj.status = asJson(previous).status;
    obj.metadata.annotations = { ...(previous.metadata.annotations ?? {}), ...(obj.metadata.annotations ?? {}) };
    const changed = JSON.stringify(asJson(previous).spec) !== JSON.stringify(obj.spec);
    if (changed) obj.metadata.generation = (previous.metadata.generation ?? 1) + 1;
    else obj.metadata.generation = previous.metadata.generation ?? 1;
    updateObject(state, obj);
    if (source) state.sources.set(keyOf(obj.kind, obj.metadata.namespace, obj.metadata.name), source);
    return { ok: true, object: obj };
  }
  obj.metadata.generation = 1;
  putObject(state, obj, source);
  return { ok: true, object: obj };
}
