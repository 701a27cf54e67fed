// Hover on a Service's `port` / `targetPort` (the container ports it resolves
// to and the simulated endpoints) and on `nodePort` (the allowed range and
// clashes with other Services of the workspace).

import { isMap, isScalar, isSeq } from 'yaml';
import { nodeAtPath } from '../../model/ast';
import type { IndexedResource } from '../../model/index';
import { toPlain } from '../../model/parse';
import { containerPorts, isSelector, referencesOf, type SelectorReference } from '../../model/references';
import type { HoverRequest, HoverSection } from '../hover';
import { bullets, code, entryAt, plural, title } from './context';
import { explainSimulation } from './simulation';
import type { SimulationResult } from '../../sim/report';

/** The default `--service-node-port-range` of kube-apiserver (inclusive). */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const NODE_PORT_TYPES = new Set(['NodePort', 'LoadBalancer']);

interface PortSpec {
  name?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol: string;
}

function portsOf(e: IndexedResource): PortSpec[] {
  const seq = nodeAtPath(e.resource.node, ['spec', 'ports']);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => {
    const p = isMap(item) ? (toPlain(e.resource.doc, item) as Record<string, unknown>) : {};
    const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
    const tp = p?.targetPort;
    return {
      name: typeof p?.name === 'string' ? p.name : undefined,
      port: num(p?.port),
      targetPort: typeof tp === 'string' && tp !== '' ? (/^\d+$/.test(tp) ? Number(tp) : tp) : num(tp) || undefined,
      nodePort: num(p?.nodePort),
      protocol: typeof p?.protocol === 'string' ? p.protocol : 'TCP',
    };
  });
}

function typeOf(e: IndexedResource): string {
  const t = nodeAtPath(e.resource.node, ['spec', 'type']);
  return isScalar(t) && typeof t.value === 'string' ? t.value : 'ClusterIP';
}

export function servicePortExplanation(req: HoverRequest): HoverSection | undefined {
  const r = req.resource;
  const p = req.resourcePath;
  if (!r || r.kind !== 'Service' || r.group !== '' || p.length !== 4 || p[0] !== 'spec' || p[1] !== 'ports' || typeof p[2] !== 'number') return undefined;
  const field = p[3];
  if (field !== 'port' && field !== 'targetPort' && field !== 'nodePort') return undefined;
  const entry = entryAt(req);
  if (!entry) return undefined;
  const port = portsOf(entry)[p[2]];
  if (!port) return undefined;
  return { markdown: field === 'nodePort' ? nodePortMarkdown(req, entry, p[2], port) : targetMarkdown(req, entry, port) };
}

function targetMarkdown(req: HoverRequest, entry: IndexedResource, port: PortSpec): string {
  const target = port.targetPort ?? port.port;
  if (target === undefined) return '**Target**: the port has no number yet.';
  const head = `**Target**: port ${port.port ?? '?'} → ${typeof target === 'number' ? `container port ${target}` : `container port named ${code(target)}`}${port.targetPort === undefined ? ' (targetPort defaults to port)' : ''}.`;
  const g = req.ctx.services.graph;
  const selector = referencesOf(entry).find((x): x is SelectorReference => isSelector(x) && x.relation.id === 'service-selector');
  if (!selector) return `${head}\n\nThe Service has no selector: Kubernetes does not manage its endpoints (write an EndpointSlice yourself).`;
  const lines = [head];
  const resolved = new Set<number>();
  const matches: string[] = [];
  const templates = g.resolve(selector).filter((t) => t.template);
  for (const t of templates) {
    for (const cp of containerPorts(t.template!)) {
      const hit = typeof target === 'number' ? cp.containerPort === target : cp.name === target;
      if (!hit) continue;
      if (cp.containerPort !== undefined) resolved.add(cp.containerPort);
      matches.push(`${title(t.entry)}, container ${code(cp.container || '?')}: ${cp.name ? `${code(cp.name)} = ` : ''}${cp.containerPort ?? '?'}`);
    }
  }
  if (typeof target === 'number') resolved.add(target);
  if (templates.length === 0) lines.push(`The selector ${code(selector.text)} matches no pods in the workspace.`);
  else if (matches.length > 0) lines.push(`Container ports:\n\n${bullets(matches, 6)}`);
  else if (typeof target === 'number') lines.push(`No selected container declares port ${target} (traffic still reaches it if the process listens there).`);
  else lines.push(`No selected container has a port named ${code(target)}: the Service has no usable endpoints for this port.`);
  lines.push(endpointsFacts(req, entry, resolved, templates.map((t) => t.entry)));
  return lines.filter(Boolean).join('\n\n');
}

function endpointsFacts(req: HoverRequest, entry: IndexedResource, ports: Set<number>, owners: IndexedResource[]): string {
  const sim = explainSimulation(req.ctx);
  if (!sim.ok) return `_Endpoints: ${sim.message}_`;
  const note = sim.note ? `\n\n_${sim.note}_` : '';
  return endpointsOf(sim.result, entry, ports, owners) + note;
}

function endpointsOf(result: SimulationResult, entry: IndexedResource, ports: Set<number>, owners: IndexedResource[]): string {
  const ns = entry.namespace ?? 'default';
  const svc = result.services.find((s) => s.namespace === ns && s.name === entry.name);
  if (!svc) return '_Endpoints: the Service is not part of the simulation._';
  const eps = svc.endpoints.filter((e) => svc.ports.length <= 1 || e.port === null || ports.has(e.port));
  if (eps.length === 0) {
    // Why: the selected workloads' pods exist but are not running, or were never created.
    const selected = new Set(owners.map((o) => `${o.kind}/${o.namespace ?? 'default'}/${o.name}`));
    const theirs = result.pods.filter((p) => p.workload ? selected.has(`${p.workload.kind}/${p.namespace}/${p.workload.name}`) : selected.has(`Pod/${p.namespace}/${p.name}`));
    const pending = theirs.filter((p) => p.phase === 'Pending').length;
    const why = pending > 0 ? `${plural(pending, 'selected pod')} ${pending === 1 ? 'is' : 'are'} Pending` : theirs.length === 0 ? 'the selected workloads have no simulated pods' : 'no selected pod is ready';
    return `**Endpoints** (simulated): none — ${why}.`;
  }
  const ready = eps.filter((e) => e.ready).length;
  const shown = eps.slice(0, 6).map((e) => `${code(e.pod)} ${e.ip}${e.port !== null ? `:${e.port}` : ''}${e.ready ? '' : ' (not ready)'}`);
  return `**Endpoints** (simulated): ${plural(eps.length, 'address', 'addresses')}, ${ready} ready: ${shown.join(', ')}${eps.length > 6 ? ', …' : ''}`;
}

function nodePortMarkdown(req: HoverRequest, entry: IndexedResource, index: number, port: PortSpec): string {
  const lines: string[] = [];
  const v = port.nodePort;
  const range = `${NODE_PORT_MIN}-${NODE_PORT_MAX}`;
  if (v === undefined) lines.push(`**nodePort** must be a number in ${range} (the default \`--service-node-port-range\`); omit it to let the API server pick one.`);
  else if (v < NODE_PORT_MIN || v > NODE_PORT_MAX) lines.push(`**nodePort ${v}** is outside the valid range ${range} (the default \`--service-node-port-range\`): the API server rejects it.`);
  else lines.push(`**nodePort ${v}**: within the valid range ${range}; every node listens on it.`);
  const type = typeOf(entry);
  if (!NODE_PORT_TYPES.has(type)) lines.push(`The Service type is ${code(type)}: a nodePort is only allowed with ${code('NodePort')} or ${code('LoadBalancer')}.`);
  if (v !== undefined) {
    const clashes: string[] = [];
    portsOf(entry).forEach((other, i) => {
      if (i !== index && other.nodePort === v && other.protocol === port.protocol) clashes.push(`${title(entry)} port ${other.name ? code(other.name) : `#${i + 1}`}`);
    });
    for (const other of req.ctx.services.graph.index.ofKind('', 'Service')) {
      if (other === entry || other.resource === entry.resource) continue;
      for (const op of portsOf(other)) if (op.nodePort === v) clashes.push(`${title(other)}${op.name ? ` port ${code(op.name)}` : ''}`);
    }
    lines.push(clashes.length ? `**Conflict**: nodePort ${v} is also used by ${clashes.slice(0, 5).join(', ')}${clashes.length > 5 ? ', …' : ''} (node ports are cluster-wide; the second Service is rejected: "provided port is already allocated").` : 'No other Service in the workspace uses this nodePort.');
  }
  return lines.join('\n\n');
}
