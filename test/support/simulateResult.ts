// Test fixtures in the protocol's one result shape (server/src/protocol.ts):
// a SimulateResult with empty lists, and row builders with the fields the
// server always sends, so a test states only what it is about and breaks at
// compile time when the protocol changes.

import type { SimulateResult, SimulationResult, SourceJson } from '../../server/src/protocol';

type Row<K extends keyof SimulationResult> = SimulationResult[K] extends Array<infer R> ? R : never;

/** A source as the server sends it: the file URI, the 1-based line, and the LSP location of that line. */
export function src(uri: string, line0: number): SourceJson {
  return { file: uri, line: line0 + 1, location: { uri, range: { start: { line: line0, character: 0 }, end: { line: line0, character: 0 } } } };
}

export function simulateResult(parts: Partial<SimulateResult> = {}): SimulateResult {
  return {
    summary: { nodes: 0, pods: 0, running: 0, pending: 0, succeeded: 0, rejected: 0, warnings: 0 },
    nodes: [],
    pods: [],
    workloads: [],
    services: [],
    persistentVolumeClaims: [],
    podDisruptionBudgets: [],
    cronJobs: [],
    rollouts: [],
    changes: [],
    rejected: [],
    events: [],
    warnings: [],
    scope: 'workspace',
    cluster: { nodes: 3, nodeCpu: '4', nodeMemory: '16Gi', nodePods: 110 },
    whatIf: [],
    whatIfMessages: [],
    assumedNamespaces: [],
    strictNamespaces: false,
    skipped: [],
    ...parts,
  };
}

export function node(name: string, parts: Partial<Row<'nodes'>> = {}): Row<'nodes'> {
  return { name, ready: true, unschedulable: false, taints: [], allocatable: { cpu: 4000, memory: 16 * 2 ** 30, pods: 110 }, requested: { cpu: 0, memory: 0 }, pods: [], source: null, ...parts };
}

export function pod(namespace: string, name: string, parts: Partial<Row<'pods'>> = {}): Row<'pods'> {
  return { namespace, name, node: null, phase: 'Pending', qosClass: null, priority: 0, ip: null, reason: null, message: null, owner: null, workload: null, source: null, ...parts };
}

export function event(parts: Partial<Row<'events'>> & { reason: string; object: string }): Row<'events'> {
  return { type: 'Normal', namespace: null, message: '', count: 1, source: null, ...parts };
}
