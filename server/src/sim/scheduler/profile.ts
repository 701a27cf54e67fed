// The scheduler profile as data, and the registry that turns its plugin names into
// implementations. The framework (framework.ts) runs whatever the profile lists, in
// the profile's order, with the profile's weights; it names no plugin itself.
//
// DEFAULT_PROFILE mirrors kube-scheduler v1.36's default KubeSchedulerConfiguration
// profile: pkg/scheduler/apis/config/v1/default_plugins.go (getDefaultPlugins +
// applyFeatureGates), expanded per extension point as in
// pkg/scheduler/apis/config/testing/defaults/defaults.go (ExpandedPluginsV1), and
// percentageOfNodesToScore from apis/config/v1/defaults.go (unset = adaptive).

import type { Plugin } from './types';
import { dynamicResources, nodeName, nodePorts, nodeUnschedulable, prioritySort, schedulingGates } from './plugins/simple';
import { taintToleration } from './plugins/taintToleration';
import { nodeAffinity } from './plugins/nodeAffinity';
import { nodeResourcesFit } from './plugins/nodeResourcesFit';
import { volumeBinding, volumeRestrictions } from './plugins/volumes';
import { podTopologySpread } from './plugins/podTopologySpread';
import { interPodAffinity } from './plugins/interPodAffinity';
import { nodeResourcesBalancedAllocation } from './plugins/balancedAllocation';
import { imageLocality } from './plugins/imageLocality';
import { defaultPreemption } from './plugins/defaultPreemption';

export interface WeightedPlugin {
  name: string;
  weight: number;
}

/** Enabled plugins per extension point, in run order (KubeSchedulerProfile.plugins after expansion). */
export interface ProfilePlugins {
  preEnqueue: string[];
  queueSort: string[];
  preFilter: string[];
  filter: string[];
  postFilter: string[];
  preScore: string[];
  score: WeightedPlugin[];
  reserve: string[];
  permit: string[];
  preBind: string[];
  bind: string[];
}

export interface SchedulerProfile {
  schedulerName: string;
  /** 0 = adaptive (numFeasibleNodesToFind's 50% - nodes/125, at least 5%). */
  percentageOfNodesToScore: number;
  plugins: ProfilePlugins;
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** kube-scheduler v1.36 defaults (feature gates at their v1.36 defaults). */
export const DEFAULT_PROFILE: SchedulerProfile = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  percentageOfNodesToScore: 0,
  plugins: {
    preEnqueue: ['SchedulingGates', 'DynamicResources', 'DefaultPreemption'],
    queueSort: ['PrioritySort'],
    preFilter: ['NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'DynamicResources', 'NodeDeclaredFeatures'],
    filter: [
      'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions',
      'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'DynamicResources', 'NodeDeclaredFeatures',
    ],
    postFilter: ['DynamicResources', 'DefaultPreemption'],
    preScore: ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation'],
    score: [
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'VolumeBinding', weight: 1 },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'DynamicResources', weight: 2 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ],
    reserve: ['VolumeBinding', 'DynamicResources'],
    permit: [],
    preBind: ['VolumeBinding', 'DynamicResources'],
    bind: ['DefaultBinder'],
  },
};

/** Plugin name -> implementation (pkg/scheduler/framework/plugins/registry.go, the simulated subset). */
export const PLUGIN_REGISTRY: ReadonlyMap<string, Plugin> = new Map(
  [
    schedulingGates, prioritySort, nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit,
    volumeRestrictions, volumeBinding, podTopologySpread, interPodAffinity, dynamicResources, defaultPreemption,
    nodeResourcesBalancedAllocation, imageLocality,
  ].map((p) => [p.name, p]),
);

/**
 * Upstream plugins (or extension points of them) the simulator does not run, and why
 * leaving them out does not change results. A profile may list them; any other unknown
 * name is an error.
 */
export const NOT_SIMULATED: ReadonlyMap<string, string> = new Map([
  ['NodeVolumeLimits', 'needs CSINode attach limits, which simulated nodes do not report'],
  ['VolumeZone', 'needs zone labels on PersistentVolumes, which the simulator does not model'],
  ['NodeDeclaredFeatures', 'needs status.declaredFeatures, which simulated nodes do not declare'],
  ['DynamicResources', 'the simulator has no ResourceClaims: PreFilter skips every pod and Score adds 0 (its PostFilter reason is simulated)'],
  ['DefaultPreemption', 'PreEnqueue only defers pods whose victims are still terminating; the simulator deletes victims at once'],
  ['VolumeBinding', 'Reserve and PreBind are done by the simulated PV controller when the pod is bound'],
  ['DefaultBinder', 'the simulation driver binds the pod (spec.nodeName) after a successful cycle'],
]);

/** A profile's plugins per extension point, resolved against the registry. */
export interface ResolvedProfile {
  profile: SchedulerProfile;
  preEnqueue: Plugin[];
  queueSort: Plugin;
  preFilter: Plugin[];
  filter: Plugin[];
  postFilter: Plugin[];
  score: Array<{ plugin: Plugin; weight: number }>;
}

type Hook = 'preEnqueue' | 'queueSort' | 'preFilter' | 'filter' | 'postFilter' | 'score';
const HOOK_METHODS: Record<Hook, Array<keyof Plugin>> = {
  preEnqueue: ['preEnqueue'],
  queueSort: ['queueSort'],
  preFilter: ['preFilter'],
  filter: ['filter'],
  postFilter: ['postFilter'],
  score: ['score', 'scoreAll', 'preScore'],
};

function resolve(names: readonly string[], point: Hook, registry: ReadonlyMap<string, Plugin>): Plugin[] {
  const out: Plugin[] = [];
  for (const name of names) {
    const p = registry.get(name);
    // A registered plugin without this hook does the step's work elsewhere (NodeResourcesFit's
    // PreFilter request sums are computed once per pod in PodInfo), so there is nothing to run.
    if (p) {
      if (HOOK_METHODS[point].some((m) => p[m] !== undefined)) out.push(p);
    } else if (!NOT_SIMULATED.has(name)) throw new Error(`scheduler profile: plugin "${name}" at ${point} is not known to the simulator`);
  }
  return out;
}

/**
 * Resolves a profile's plugin names. Unknown names throw (a bad custom profile is a
 * clear error, not a silently different scheduler). A Score plugin's preScore hook runs
 * with its score, as its Skip and uniform-score answers are part of scoring here.
 */
export function resolveProfile(profile: SchedulerProfile, registry: ReadonlyMap<string, Plugin> = PLUGIN_REGISTRY): ResolvedProfile {
  const pl = profile.plugins;
  const queueSort = resolve(pl.queueSort, 'queueSort', registry);
  if (queueSort.length !== 1) throw new Error(`scheduler profile: exactly one queueSort plugin is needed, got ${queueSort.length}`);
  for (const { name, weight } of pl.score) {
    if (!Number.isInteger(weight) || weight < 1 || weight > 100) throw new Error(`scheduler profile: score weight of "${name}" must be an integer in [1, 100], got ${weight}`);
  }
  const scored = resolve(pl.score.map((s) => s.name), 'score', registry);
  for (const name of pl.preScore) if (!registry.has(name) && !NOT_SIMULATED.has(name)) throw new Error(`scheduler profile: plugin "${name}" at preScore is not known to the simulator`);
  const weightOf = new Map(pl.score.map((s) => [s.name, s.weight]));
  return {
    profile,
    preEnqueue: resolve(pl.preEnqueue, 'preEnqueue', registry),
    queueSort: queueSort[0],
    preFilter: resolve(pl.preFilter, 'preFilter', registry),
    filter: resolve(pl.filter, 'filter', registry),
    postFilter: resolve(pl.postFilter, 'postFilter', registry),
    score: scored.map((plugin) => ({ plugin, weight: weightOf.get(plugin.name)! })),
  };
}

/** A copy of `base` with changes: score weights by name, plugins removed from every extension point. */
export function customProfile(changes: { weights?: Record<string, number>; disabled?: string[]; percentageOfNodesToScore?: number }, base: SchedulerProfile = DEFAULT_PROFILE): SchedulerProfile {
  const off = new Set(changes.disabled ?? []);
  const keep = (names: string[]) => names.filter((n) => !off.has(n));
  const pl = base.plugins;
  return {
    schedulerName: base.schedulerName,
    percentageOfNodesToScore: changes.percentageOfNodesToScore ?? base.percentageOfNodesToScore,
    plugins: {
      preEnqueue: keep(pl.preEnqueue),
      queueSort: keep(pl.queueSort),
      preFilter: keep(pl.preFilter),
      filter: keep(pl.filter),
      postFilter: keep(pl.postFilter),
      preScore: keep(pl.preScore),
      score: pl.score.filter((s) => !off.has(s.name)).map((s) => ({ name: s.name, weight: changes.weights?.[s.name] ?? s.weight })),
      reserve: keep(pl.reserve),
      permit: keep(pl.permit),
      preBind: keep(pl.preBind),
      bind: keep(pl.bind),
    },
  };
}
