// DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go,
// pkg/scheduler/framework/preemption/preemption.go): find nodes where evicting
// lower-priority pods makes the pod fit, keep as few victims as possible
// (reprieving PDB-violating pods first), and pick one node.

import type { Pod } from '../../types';
import type { NodeInfo, PodInfo } from '../nodeinfo';
import type { Plugin, PodDisruptionBudgetLike, SchedulerLookups, Status } from '../types';
import { fitErrorMessage, reasonHistogram } from '../fitError';
import { selectorFromLabelSelector } from '../../../k8s/selector';

export interface PreemptionOutcome {
  /** Node the pod is nominated to (status.nominatedNodeName) once the victims are gone. */
  nominatedNode?: string;
  victims: Pod[];
  /** Number of victims whose eviction violates a PodDisruptionBudget. */
  pdbViolations?: number;
  /** Message without the "preemption: " prefix when preemption did not help. */
  message?: string;
  /** Per-node dry-run outcome (nodes where preemption was not tried are absent). */
  nodes?: Array<{ node: string; reasons: string[] }>;
}

interface PreemptEnv {
  allNodes: readonly NodeInfo[];
  lookups: SchedulerLookups;
  canDryRun: boolean;
  runFilters(node: NodeInfo): Status | undefined;
}

const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.seq - b.seq;
}

interface Candidate {
  node: NodeInfo;
  victims: PodInfo[];
  violations: number;
}

function pdbViolators(victims: PodInfo[], pdbs: (ns: string) => PodDisruptionBudgetLike[]): Set<PodInfo> {
  const allowed = new Map<PodDisruptionBudgetLike, number>();
  const violating = new Set<PodInfo>();
  for (const v of victims) {
    for (const pdb of pdbs(v.namespace)) {
      const sel = selectorFromLabelSelector(pdb.selector);
      // A PDB with a nil or empty selector matches nothing here.
      if (sel.nothing || sel.isEverything() || !sel.matches(v.labels)) continue;
      const left = (allowed.get(pdb) ?? pdb.disruptionsAllowed) - 1;
      allowed.set(pdb, left);
      if (left < 0) violating.add(v);
    }
  }
  return violating;
}

function selectVictimsOnNode(pod: PodInfo, node: NodeInfo, env: PreemptEnv, pdbs: (ns: string) => PodDisruptionBudgetLike[]): Candidate | Status {
  const potential = node.pods.filter((p) => p.priority < pod.priority);
  if (potential.length === 0) return { code: 'UnschedulableAndUnresolvable', reasons: ['No preemption victims found for incoming pod'], plugin: 'DefaultPreemption' };
  const trial = node.clone();
  for (const p of potential) trial.removePod(p.key);
  const s = env.runFilters(trial);
  if (s) return s;
  potential.sort(moreImportant);
  const violators = pdbViolators(potential, pdbs);
  const victims: PodInfo[] = [];
  let violations = 0;
  const reprieve = (p: PodInfo): boolean => {
    trial.addPod(p);
    if (env.runFilters(trial)) {
      trial.removePod(p.key);
      victims.push(p);
      return false;
    }
    return true;
  };
  for (const p of potential) if (violators.has(p) && !reprieve(p)) violations++;
  for (const p of potential) if (!violators.has(p)) reprieve(p);
  victims.sort(moreImportant);
  return { node, victims, violations };
}

/** pickOneNodeForPreemption: fewest PDB violations, lowest top victim priority, lowest priority sum, fewest victims, latest-started top victims, then first. */
function pickCandidate(cands: Candidate[]): Candidate {
  const key = (c: Candidate): number[] => {
    const top = c.victims[0]?.priority ?? -Infinity;
    const sum = c.victims.reduce((a, v) => a + v.priority + 2147483648, 0);
    const latestTopStart = Math.min(...c.victims.filter((v) => v.priority === top).map((v) => v.seq));
    return [c.violations, top, sum, c.victims.length, -latestTopStart];
  };
  let best = cands[0];
  let bestKey = key(best);
  for (const c of cands.slice(1)) {
    const k = key(c);
    for (let i = 0; i < k.length; i++) {
      if (k[i] < bestKey[i]) {
        best = c;
        bestKey = k;
        break;
      }
      if (k[i] > bestKey[i]) break;
    }
  }
  return best;
}

export function preempt(pod: PodInfo, failures: ReadonlyArray<{ node: string; code: Status['code'] }>, env: PreemptEnv): PreemptionOutcome {
  if (pod.pod.spec?.preemptionPolicy === 'Never') return { victims: [], message: 'not eligible due to preemptionPolicy=Never.' };
  const numAll = env.allNodes.length;
  const byName = new Map(env.allNodes.map((n) => [n.name, n]));
  // Only nodes rejected as Unschedulable (not ...AndUnresolvable) might be helped.
  const potential = env.canDryRun ? failures.filter((f) => f.code === 'Unschedulable').map((f) => byName.get(f.node)!).filter(Boolean) : [];
  let numCandidates = Math.trunc((potential.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  if (numCandidates < MIN_CANDIDATE_NODES_ABSOLUTE) numCandidates = MIN_CANDIDATE_NODES_ABSOLUTE;
  if (numCandidates > potential.length) numCandidates = potential.length;
  const pdbs = (ns: string) => env.lookups.podDisruptionBudgets?.(ns) ?? [];
  const candidates: Candidate[] = [];
  const tried: Array<{ node: string; reasons: string[] }> = [];
  for (const node of potential) {
    if (candidates.length >= numCandidates) break;
    const r = selectVictimsOnNode(pod, node, env, pdbs);
    if ('victims' in r) candidates.push(r);
    else tried.push({ node: node.name, reasons: r.reasons });
  }
  if (candidates.length === 0) {
    const histogram = reasonHistogram(tried, { count: numAll - tried.length, reasons: ['Preemption is not helpful for scheduling'] });
    return { victims: [], message: fitErrorMessage(numAll, { histogram }), nodes: tried };
  }
  const best = pickCandidate(candidates);
  return { nominatedNode: best.node.name, victims: best.victims.map((v) => v.pod), pdbViolations: best.violations, nodes: tried };
}

/** The PostFilter plugin: reasons are "preemption: <message>" when no node was nominated. */
export const defaultPreemption: Plugin = {
  name: 'DefaultPreemption',
  postFilter(pod, failures, env) {
    const outcome = preempt(pod, failures, env);
    return { reasons: outcome.message ? [`preemption: ${outcome.message}`] : [], nominatedNode: outcome.nominatedNode, details: outcome };
  },
};
