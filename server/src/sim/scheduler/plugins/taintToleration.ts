// TaintToleration (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go;
// toleration matching from staging/src/k8s.io/api/core/v1/toleration.go).

import { toleratesTaint } from '../../../k8s/taints';
import type { Taint, Toleration } from '../../types';
import type { Plugin } from '../types';
import { defaultNormalizeScore } from './normalize';


export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) {
    let ok = false;
    for (const t of tolerations) if (toleratesTaint(t, taint)) { ok = true; break; }
    if (!ok) return taint;
  }
  return undefined;
}

export const taintToleration: Plugin = {
  name: 'TaintToleration',
  filterShortcut: { kind: 'passesWithoutFilterTaints' },
  passes(_s, pod, node) {
    return node.filterTaints.length === 0 || findUntoleratedTaint(node.filterTaints, pod.tolerations) === undefined;
  },
  filter(_s, pod, node) {
    const taint = findUntoleratedTaint(node.filterTaints, pod.tolerations);
    if (!taint) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint(s)'], plugin: 'TaintToleration', taint };
  },
  preScore(state, pod, _nodes, ctx) {
    // No PreferNoSchedule taint anywhere: every raw score is 0, which normalizes (reversed) to 100.
    if (ctx.nodesWithPreferNoScheduleTaints() === 0) return { uniform: 100 };
    // Only tolerations with an empty or PreferNoSchedule effect count for scoring.
    state.set('TaintToleration', pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule'));
    return undefined;
  },
  score(state, _pod, node) {
    const tolerations = state.get('TaintToleration') as Toleration[];
    let n = 0;
    for (const taint of node.preferNoScheduleTaints) if (!tolerations.some((t) => toleratesTaint(t, taint))) n++;
    return n;
  },
  normalizeScore(_s, _p, _n, scores) {
    defaultNormalizeScore(scores, true);
  },
};
