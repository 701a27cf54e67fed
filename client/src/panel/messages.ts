// Messages between the Simulate Apply webview and the extension, and the
// what-if operations the panel sends to the server. Everything the webview
// posts is untrusted input: `parseWebviewMessage` accepts only the known
// shapes, with names that exist in the current simulation.

import type { SimulationView } from './model';

/** `overlay`: one rendered Kustomize overlay (picked from the server's list). */
export type Scope = 'file' | 'workspace' | 'overlay';

/** A change to the simulated cluster (never to the files). */
export type WhatIf =
  | { op: 'cordon' | 'drain' | 'fail'; node: string }
  | { op: 'scale'; kind: string; namespace: string; name: string; replicas: number };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'reset' }
  | { type: 'reveal'; loc: number }
  | { type: 'scope'; scope: Scope }
  /** Index into the panel's list of overlays. */
  | { type: 'overlay'; overlay: number }
  | { type: 'whatIf'; whatIf: WhatIf };

export const MAX_REPLICAS = 10_000;
const NODE_OPS = new Set(['cordon', 'drain', 'fail']);

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
      if (typeof raw.op !== 'string') return undefined;
      if (NODE_OPS.has(raw.op)) {
        if (typeof raw.node !== 'string' || !view?.nodes.some((n) => n.name === raw.node)) return undefined;
        return { type: 'whatIf', whatIf: { op: raw.op as 'cordon' | 'drain' | 'fail', node: raw.node } };
      }
      if (raw.op === 'scale') {
        const replicas = typeof raw.replicas === 'string' && /^\d+$/.test(raw.replicas) ? Number(raw.replicas) : raw.replicas;
        if (!Number.isInteger(replicas) || (replicas as number) < 0 || (replicas as number) > MAX_REPLICAS) return undefined;
        const w = view?.workloads.find((x) => x.kind === raw.kind && x.namespace === raw.namespace && x.name === raw.name);
        if (!w) return undefined;
        return { type: 'whatIf', whatIf: { op: 'scale', kind: w.kind, namespace: w.namespace, name: w.name, replicas: replicas as number } };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Adds a what-if, replacing an earlier one on the same target (scaling twice keeps the last count; a failed node stays failed). */
export function addWhatIf(list: readonly WhatIf[], w: WhatIf): WhatIf[] {
  const same = (a: WhatIf): boolean => {
    if (w.op === 'scale') return a.op === 'scale' && a.kind === w.kind && a.namespace === w.namespace && a.name === w.name;
    return a.op === w.op && 'node' in a && a.node === w.node;
  };
  return [...list.filter((a) => !same(a)), w];
}

/** Human label of a what-if, for the panel's list of active changes. */
export function describeWhatIf(w: WhatIf): string {
  switch (w.op) {
    case 'cordon':
      return `cordon ${w.node}`;
    case 'drain':
      return `drain ${w.node}`;
    case 'fail':
      return `fail ${w.node}`;
    case 'scale':
      return `scale ${w.kind.toLowerCase()}/${w.name} (${w.namespace}) to ${w.replicas}`;
  }
}
