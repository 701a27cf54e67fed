// The Filter loop's building blocks: each filter's allocation-free pass/fail check, and
// the inline shortcuts filters declare (types.ts FilterShortcut), found by capability so
// the framework names no plugin.

import type { NodeInfo, PodInfo } from './nodeinfo';
import type { CycleContext, CycleState, Plugin } from './types';

export type PassFunction = (state: CycleState, pod: PodInfo, node: NodeInfo, ctx: CycleContext) => boolean;
/** Pure cache: a plugin (a constant of the registry) -> its pass function. */
const passFunctions = new Map<Plugin, PassFunction>();
export const alwaysPasses: PassFunction = () => true;

/** A plugin's allocation-free pass/fail check (its `passes`, or its Filter without the status). */
export function passFunction(p: Plugin): PassFunction {
  let f = passFunctions.get(p);
  if (!f) {
    f = p.passes ? p.passes.bind(p) : (state, pod, node, ctx) => p.filter!(state, pod, node, ctx) === undefined;
    passFunctions.set(p, f);
  }
  return f;
}

/** The Filter loop's inline checks, taken from the filters' declared shortcuts (types.ts FilterShortcut). */
export interface FilterPlan {
  /** Mask shortcut: state key (the first such filter; others are called). */
  maskKey: string | undefined;
  maskPlugin: Plugin | undefined;
  taintPlugin: Plugin | undefined;
  roomPlugin: Plugin | undefined;
}

export function filterPlan(filters: readonly Plugin[]): FilterPlan {
  const plan: FilterPlan = { maskKey: undefined, maskPlugin: undefined, taintPlugin: undefined, roomPlugin: undefined };
  for (const p of filters) {
    const sc = p.filterShortcut;
    if (!sc) continue;
    if (sc.kind === 'mask' && !plan.maskPlugin) {
      plan.maskPlugin = p;
      plan.maskKey = sc.stateKey;
    } else if (sc.kind === 'passesWithoutFilterTaints' && !plan.taintPlugin) plan.taintPlugin = p;
    else if (sc.kind === 'passesWithRoomForRequests' && !plan.roomPlugin) plan.roomPlugin = p;
  }
  return plan;
}
