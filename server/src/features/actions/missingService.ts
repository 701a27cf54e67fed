// missing-reference for Services: the stub of a missing Service (Ingress backend,
// StatefulSet serviceName, Endpoints) selecting the pods most plausibly meant, and
// "add port" when the Service exists but lacks the referenced port.

import { isMap, isSeq } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { toPlain, type Resource } from '../../model/parse';
import { addPairs, appendSeqItems, pairIn, setPairValue } from '../../model/edit';
import { action, fileEdit, mapAt, stringEntries, type ActionEnv } from './common';
import { servicePortsOf } from './addCompanions';
import { containersOf, identifyingLabels, podTemplateOf, SERVING_KINDS } from './workloads';

/** A port as a reference spells it: a number or a name. */
export interface PortRef {
  number?: number;
  name?: string;
}

type Obj = Record<string, unknown>;

/** Ports the source object asks of Service `name` (Ingress v1 `port: {number|name}`, v1beta1 `servicePort`). */
export function referencedPorts(source: Resource | undefined, name: string): PortRef[] {
  if (!source) return [];
  const out: PortRef[] = [];
  const toRef = (v: unknown): PortRef | undefined => {
    if (typeof v === 'number' && Number.isInteger(v)) return { number: v };
    if (typeof v === 'string' && /^\d+$/.test(v)) return { number: Number(v) };
    if (typeof v === 'string' && v) return { name: v };
    return undefined;
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth > 40 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const o = v as Obj;
    let ref: PortRef | undefined;
    if (o.name === name && typeof o.port === 'object' && o.port) {
      const p = o.port as Obj;
      ref = p.number !== undefined ? toRef(p.number) : toRef(p.name);
    } else if (o.serviceName === name && o.servicePort !== undefined) ref = toRef(o.servicePort);
    if (ref && !out.some((x) => x.number === ref!.number && x.name === ref!.name)) out.push(ref);
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  walk(toPlain(source.doc, source.node), 0);
  return out;
}

function sameNamespace(a: Resource, namespace: string | undefined): boolean {
  return (a.namespace ?? 'default') === (namespace ?? 'default');
}

/** The workload a Service named `name` most plausibly fronts: the StatefulSet itself, an exact name match, then a name containing the other. */
export function plausibleWorkload(env: ActionEnv, name: string, namespace: string | undefined, source: Resource | undefined): Resource | undefined {
  if (source?.kind === 'StatefulSet') return source;
  const candidates = [...env.ctx.workspace.resources()].filter((r) => SERVING_KINDS.has(r.kind) && r.name && sameNamespace(r, namespace) && Object.keys(identifyingLabels(r)).length > 0);
  return candidates.find((r) => r.name === name) ?? candidates.find((r) => name.startsWith(r.name!) || r.name!.startsWith(name));
}

/** Container ports named `portName` in `workload`'s pods. */
function namedContainerPort(workload: Resource, portName: string): number | undefined {
  for (const c of containersOf(workload)) {
    const ports = c.map.get('ports', true);
    if (!isSeq(ports)) continue;
    for (const p of ports.items) if (isMap(p) && p.get('name') === portName && Number.isInteger(Number(p.get('containerPort')))) return Number(p.get('containerPort'));
  }
  return undefined;
}

interface PortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
}

/** A port number not yet used by `ports`, preferring `wanted`. */
function freePort(wanted: number, ports: PortSpec[]): number {
  let n = wanted;
  while (ports.some((p) => p.port === n)) n = n === 80 ? 8080 : n + 1;
  return n;
}

/** The Service port entry for a referenced port, next to `existing` ones. */
function portFor(ref: PortRef, workload: Resource | undefined, existing: PortSpec[]): PortSpec {
  if (ref.number !== undefined) return existing.length > 0 ? { name: `port-${ref.number}`, port: ref.number } : { port: ref.number };
  const container = workload ? namedContainerPort(workload, ref.name!) : undefined;
  return container !== undefined ? { name: ref.name, port: freePort(container, existing), targetPort: ref.name } : { name: ref.name, port: freePort(80, existing) };
}

/** The Service stub for a missing Service `name`. */
export function serviceStub(env: ActionEnv, name: string, namespace: string | undefined, writeNamespace: string | undefined, source: Resource | undefined): Obj {
  const workload = plausibleWorkload(env, name, namespace, source);
  const ports: PortSpec[] = workload ? servicePortsOf(workload).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, targetPort: p.targetPort })) : [];
  for (const ref of referencedPorts(source, name)) {
    const has = ports.some((p) => (ref.number !== undefined ? p.port === ref.number : p.name === ref.name));
    if (!has) {
      // A numbered reference: send it to the pods' only port when there is exactly one.
      const entry = portFor(ref, workload, ports);
      if (ref.number !== undefined && ports.length === 1) entry.targetPort = ports[0].targetPort ?? ports[0].port;
      ports.push(entry);
    }
  }
  if (ports.length > 1) ports.forEach((p) => (p.name ??= `port-${p.port}`));
  const spec: Obj = {};
  if (source?.kind === 'StatefulSet') spec.clusterIP = 'None';
  // Without a plausible workload the selector is an empty placeholder to fill in.
  spec.selector = workload ? identifyingLabels(workload) : {};
  spec.ports = ports.length > 0 ? ports : [{ port: 80 }];
  return { apiVersion: 'v1', kind: 'Service', metadata: writeNamespace ? { name, namespace: writeNamespace } : { name }, spec };
}

/** Workloads whose pod template labels the Service's selector matches. */
function selectedWorkloads(env: ActionEnv, service: Resource): Resource[] {
  const selector = stringEntries(mapAt(service.node, ['spec', 'selector']));
  if (Object.keys(selector).length === 0) return [];
  return [...env.ctx.workspace.resources()].filter((r) => {
    if (!sameNamespace(r, service.namespace)) return false;
    const labels = podTemplateOf(r)?.labels;
    return !!labels && Object.entries(selector).every(([k, v]) => labels[k] === v);
  });
}

/** "Add port P to Service S" for a `Service port` missing-reference. */
export function addServicePortAction(env: ActionEnv, service: Resource, portText: string, d: Diagnostic): CodeAction | undefined {
  const file = env.ctx.workspace.get(service.doc.uri);
  const spec = mapAt(service.node, ['spec']);
  if (!file || !spec) return undefined;
  const ref: PortRef = /^\d+$/.test(portText) ? { number: Number(portText) } : { name: portText };
  const portsPair = pairIn(spec, 'ports');
  const seq = portsPair?.value;
  const existing: PortSpec[] = isSeq(seq) ? (seq.items.map((p) => toPlain(service.doc, p)).filter((p) => typeof p === 'object' && p) as PortSpec[]) : [];
  const workload = ref.name ? selectedWorkloads(env, service).find((w) => namedContainerPort(w, ref.name!) !== undefined) : undefined;
  const entry = portFor(ref, workload, existing);
  const edit =
    isSeq(seq) && seq.items.length > 0 && !seq.flow
      ? appendSeqItems(file, service.doc, seq, [entry], portsPair)
      : portsPair
        ? setPairValue(file, service.doc, portsPair, [...existing, entry])
        : addPairs(file, service.doc, spec, { ports: [entry] }, { ownerPair: pairIn(service.node, 'spec') });
  const label = ref.number !== undefined ? `port ${ref.number}` : `port "${ref.name}" (${entry.port})`;
  return action(`Add ${label} to Service "${service.name}"`, 'quickfix', fileEdit(file, [edit]), d, true);
}
