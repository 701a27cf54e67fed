// Messages between the Simulate Apply webview and the extension, and the
// what-if operations the panel sends to the server. Everything the webview
// posts is untrusted input: `parseWebviewMessage` accepts only the known
// shapes, with names that exist in the current simulation.

import { parseWhatIf, type Scope, type WhatIf } from '../../../server/src/protocol';
import type { SimulationView } from './model';

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'reset' }
  | { type: 'reveal'; loc: number }
  | { type: 'scope'; scope: Scope }
  /** Index into the panel's list of overlays. */
  | { type: 'overlay'; overlay: number }
  | { type: 'whatIf'; whatIf: WhatIf };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a message from the webview. `locations` is how many source locations
 * the last render produced; node and workload names must be in `view`.
 * Returns undefined for anything else.
 */
export function parseWebviewMessage(raw: unknown, view: SimulationView | undefined, locations: number, overlays = 0): WebviewMessage | undefined {
  if (!isObj(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'refresh':
    case 'reset':
      return { type: raw.type };
    case 'reveal':
      return Number.isInteger(raw.loc) && (raw.loc as number) >= 0 && (raw.loc as number) < locations ? { type: 'reveal', loc: raw.loc as number } : undefined;
    case 'scope':
      return raw.scope === 'file' || raw.scope === 'workspace' || (raw.scope === 'overlay' && overlays > 0) ? { type: 'scope', scope: raw.scope } : undefined;
    case 'overlay': {
      const i = typeof raw.overlay === 'string' && /^\d+$/.test(raw.overlay) ? Number(raw.overlay) : raw.overlay;
      return Number.isInteger(i) && (i as number) >= 0 && (i as number) < overlays ? { type: 'overlay', overlay: i as number } : undefined;
    }
    case 'whatIf': {
      // The protocol's what-if (server/src/protocol.ts), on a node or workload of the simulation shown.
      const w = parseWhatIf(raw);
      if (typeof w === 'string') return undefined;
      if (w.op !== 'scale') return view?.nodes.some((n) => n.name === w.node) ? { type: 'whatIf', whatIf: { op: w.op, node: w.node } } : undefined;
      const target = view?.workloads.find((x) => x.kind === w.kind && x.namespace === w.namespace && x.name === w.name);
      return target ? { type: 'whatIf', whatIf: { op: 'scale', kind: target.kind, namespace: target.namespace, name: target.name, replicas: w.replicas } } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Adds a what-if, replacing an earlier one on the same target (scaling twice
 * keeps the last count; a failed node stays failed). Cordon and uncordon of
 * one node replace each other: the last one says whether it takes new pods.
 */
export function addWhatIf(list: readonly WhatIf[], w: WhatIf): WhatIf[] {
  const toggles = new Set(['cordon', 'uncordon']);
  const same = (a: WhatIf): boolean => {
    if (w.op === 'scale') return a.op === 'scale' && a.kind === w.kind && a.namespace === w.namespace && a.name === w.name;
    if (a.op === 'scale' || a.node !== w.node) return false;
    return a.op === w.op || (toggles.has(a.op) && toggles.has(w.op));
  };
  return [...list.filter((a) => !same(a)), w];
}

/** Human label of a what-if, for the panel's list of active changes. */
export function describeWhatIf(w: WhatIf): string {
  switch (w.op) {
    case 'cordon':
      return `cordon ${w.node}`;
    case 'uncordon':
      return `uncordon ${w.node}`;
    case 'drain':
      return `drain ${w.node}`;
    case 'fail':
      return `fail ${w.node}`;
    case 'scale':
      return `scale ${w.kind.toLowerCase()}/${w.name} (${w.namespace ?? 'default'}) to ${w.replicas}`;
  }
}
