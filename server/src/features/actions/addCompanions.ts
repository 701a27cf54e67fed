// Generators for a workload's companions: a Service exposing its container ports and
// a PodDisruptionBudget, both selecting the workload's pods, appended as new documents.

import { isMap, isSeq } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Resource } from '../../model/parse';
import { appendDocument, indentStyleOf, toBlockYaml } from '../../model/edit';
import { action, fileEdit, type ActionEnv } from './common';
import { containersOf, identifyingLabels, SERVING_KINDS } from './workloads';

interface ServicePort {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol?: string;
}

/** Service ports from the containers' declared ports (deduplicated by port + protocol). */
export function servicePortsOf(r: Resource): ServicePort[] {
  const out: ServicePort[] = [];
  const seen = new Set<string>();
  for (const c of containersOf(r)) {
    const ports = c.map.get('ports', true);
    if (!isSeq(ports)) continue;
    for (const p of ports.items) {
      if (!isMap(p)) continue;
      const port = Number(p.get('containerPort'));
      if (!Number.isInteger(port) || port < 1 || port > 65535) continue;
      const protocol = typeof p.get('protocol') === 'string' ? String(p.get('protocol')) : 'TCP';
      const key = `${port}/${protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = typeof p.get('name') === 'string' ? String(p.get('name')) : undefined;
      out.push({ name, port, targetPort: name ?? port, protocol: protocol === 'TCP' ? undefined : protocol });
    }
  }
  // Several ports need names; derive one where the container port has none.
  if (out.length > 1) for (const p of out) p.name ??= `${(p.protocol ?? 'tcp').toLowerCase()}-${p.port}`;
  return out;
}

function existingNames(env: ActionEnv, kind: string, namespace: string | undefined): Set<string> {
  const names = new Set<string>();
  for (const res of env.ctx.workspace.resources()) {
    if (res.kind === kind && (res.namespace ?? 'default') === (namespace ?? 'default') && res.name) names.add(res.name);
  }
  return names;
}

function uniqueName(base: string, suffix: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let name = `${base}-${suffix}`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${suffix}-${i}`;
  return name;
}

function metadataFor(name: string, r: Resource): Record<string, string> {
  return r.namespace ? { name, namespace: r.namespace } : { name };
}

export function addServiceAction(env: ActionEnv, r: Resource): CodeAction | undefined {
  if (!SERVING_KINDS.has(r.kind) || !r.name) return undefined;
  const labels = identifyingLabels(r);
  const ports = servicePortsOf(r);
  if (Object.keys(labels).length === 0 || ports.length === 0) return undefined;
  // Service names must be DNS-1035 labels (start with a letter).
  const base = /^[a-z]/.test(r.name) ? r.name : `svc-${r.name}`;
  const name = uniqueName(base, 'svc', existingNames(env, 'Service', r.namespace));
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataFor(name, r),
    spec: {
      selector: labels,
      ports: ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, targetPort: p.targetPort, ...(p.protocol ? { protocol: p.protocol } : {}) })),
    },
  };
  const text = toBlockYaml(service, 0, indentStyleOf(env.file));
  return action(`Add Service for ${r.kind} "${r.name}"`, 'refactor.extract', fileEdit(env.file, [appendDocument(env.file, text)]));
}

export function addPdbAction(env: ActionEnv, r: Resource): CodeAction | undefined {
  if (!SERVING_KINDS.has(r.kind) || r.kind === 'DaemonSet' || !r.name) return undefined;
  const labels = identifyingLabels(r);
  if (Object.keys(labels).length === 0) return undefined;
  const name = uniqueName(`${r.name}-pdb`, 'x', existingNames(env, 'PodDisruptionBudget', r.namespace));
  const pdb = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadataFor(name, r),
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
  };
  const text = toBlockYaml(pdb, 0, indentStyleOf(env.file));
  return action(`Add PodDisruptionBudget for ${r.kind} "${r.name}"`, 'refactor.extract', fileEdit(env.file, [appendDocument(env.file, text)]));
}
