// A synchronous re-implementation of kube-scheduler's default profile.
//
// Followed upstream Kubernetes v1.36.2 (see /work/shared/k8s-semantics/README.md, sources [K136]):
//   pkg/scheduler/schedule_one.go            (cycle, numFeasibleNodesToFind, nextStartNodeIndex)
//   pkg/scheduler/framework/runtime/framework.go (plugin runners, score weighting)
//   pkg/scheduler/framework/types.go         (FitError message)
//   (plugin order and weights: the profile, ./profile.ts)
//   pkg/scheduler/framework/plugins/**       (one file per plugin under ./plugins)
//   pkg/scheduler/framework/preemption/preemption.go, plugins/defaultpreemption
//
// Deliberate differences (all deterministic):
// - Filtering is sequential and stops at exactly numFeasibleNodesToFind feasible nodes.
// - Ties between top-scoring nodes go to the lexicographically smallest node name
//   (upstream: whichever the heap pops first; before 1.35: random).
// - Node order is insertion order (upstream interleaves zones via its node tree).
// - Preemption dry runs reuse PreFilter state computed with the victims present.

import type { Node, Pod } from '../types';
import { NodeInfo, PodInfoTable, hasAffinityTerms, type PodInfo } from './nodeinfo';
import { MatchIndex } from './matchindex';
import { TopologyIndex } from './topologyIndex';
import { fitErrorMessage, numFeasibleNodesToFind, reasonHistogram } from './fitError';
import type { CycleContext, CycleState, Plugin, SchedulerLookups, Status } from './types';
import type { PreemptionOutcome } from './plugins/defaultPreemption';
import { MAX_NODE_SCORE } from './plugins/normalize';
import { alwaysPasses, filterPlan, passFunction } from './filterPlan';
import { customProfile, DEFAULT_PROFILE, resolveProfile, type ResolvedProfile, type SchedulerProfile } from './profile';

export { DEFAULT_SCHEDULER_NAME } from './profile';

export interface SchedulerOptions {
  /** The profile to run (default: kube-scheduler v1.36's default profile). */
  profile?: SchedulerProfile;
  /** Overrides the profile's percentageOfNodesToScore; 0 = adaptive. */
  percentageOfNodesToScore?: number;
  /**
   * false = the profile without DynamicResources' PostFilter, so FitError messages lack its
   * "no new claims to deallocate" reason (as clusters before v1.34 print them). Default true.
   */
  dynamicResourcesPostFilterReason?: boolean;
  /** The run's PodInfo of each pod (kept across the rounds of one run); default: the scheduler's own. */
  podInfos?: PodInfoTable;
}

export interface NodeScore {
  node: string;
  total: number;
  /** Weighted score per plugin. */
  plugins: Record<string, number>;
}

/** Why one node was rejected. */
export interface NodeFailure {
  node: string;
  plugin: string;
  code: Status['code'];
  reasons: string[];
  taint?: Status['taint'];
  missingNodeLabels?: Record<string, string>;
}

export interface SchedulingFailure {
  /** The text of the FailedScheduling event / PodScheduled condition. */
  message: string;
  /** PodScheduled condition reason: Unschedulable, or SchedulingGated for gated pods. */
  reason: 'Unschedulable' | 'SchedulingGated' | 'SchedulerError';
  /** Per node rejection (one plugin per node, as upstream stops at the first failing filter). */
  nodes: NodeFailure[];
  /** A PreFilter rejected the pod for every node. */
  preFilter?: { plugin: string; reasons: string[] };
  preemption?: PreemptionOutcome;
}

export type ScheduleResult =
  | { node: string; scores: NodeScore[]; feasibleNodes: number; evaluatedNodes: number; failure?: undefined }
  | { node?: undefined; failure: SchedulingFailure };

/** The default profile resolved once (a constant: profiles and plugins are immutable). */
const DEFAULT_RESOLVED = resolveProfile(DEFAULT_PROFILE);

export class Scheduler {
  private nodes: NodeInfo[] = [];
  private byName = new Map<string, NodeInfo>();
  private podNode = new Map<string, NodeInfo>();
  private nominated = new Map<string, { pod: PodInfo; node: string }>();
  private affinityNodes = new Set<NodeInfo>();
  private antiAffinityNodes = new Set<NodeInfo>();
  private imageNodeCounts = new Map<string, number>();
  private preferNoScheduleNodes = 0;
  private unschedulableNodes = 0;
  private matchIndex = new MatchIndex(() => this.nodes);
  private topology = new TopologyIndex(() => this.nodes);
  private nextStartNodeIndex = 0;
  private totals = new Float64Array(0);
  /** Position of each node's name in sorted order (by NodeInfo.index), for tie-breaking. */
  private nameRank: Int32Array | undefined;
  /** Score arrays by length (plugins read `scores.length`), reused across cycles. */
  private scratch = new Map<number, number[]>();

  private readonly plugins: ResolvedProfile;
  private readonly percentageOfNodesToScore: number;
  private readonly podInfos: PodInfoTable;

  constructor(options: SchedulerOptions = {}) {
    let profile = options.profile ?? DEFAULT_PROFILE;
    if (options.dynamicResourcesPostFilterReason === false) profile = customProfile({ disabled: ['DynamicResources'] }, profile);
    this.plugins = profile === DEFAULT_PROFILE ? DEFAULT_RESOLVED : resolveProfile(profile);
    this.percentageOfNodesToScore = options.percentageOfNodesToScore ?? profile.percentageOfNodesToScore;
    this.podInfos = options.podInfos ?? new PodInfoTable();
  }

  /** The scheduler's view of a pod (computed once per pod object). */
  podInfo(pod: Pod): PodInfo {
    return this.podInfos.get(pod);
  }

  /** The profile's QueueSort: negative when `a` is scheduled before `b`. */
  compareForQueue(a: Pod, b: Pod): number {
    return this.plugins.queueSort.queueSort!(this.podInfo(a), this.podInfo(b));
  }

  /** The profile this scheduler runs. */
  get profile(): SchedulerProfile {
    return this.plugins.profile;
  }

  // --- cluster state ---

  get nodeCount(): number {
    return this.nodes.length;
  }

  getNodeInfo(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  nodeInfos(): readonly NodeInfo[] {
    return this.nodes;
  }

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    if (this.byName.has(name)) return this.updateNode(node);
    const info = new NodeInfo(node);
    info.index = this.nodes.length;
    this.nodes.push(info);
    this.byName.set(name, info);
    this.countImages(info, 1);
    this.matchIndex.invalidate();
    this.topology.invalidate();
    this.nameRank = undefined;
  }

  updateNode(node: Node): void {
    const info = this.byName.get(node.metadata?.name ?? '');
    if (!info) return this.addNode(node);
    this.countImages(info, -1);
    info.setNode(node);
    this.countImages(info, 1);
    this.matchIndex.invalidate();
    this.topology.invalidate();
    this.nameRank = undefined;
  }

  /** Removes a node and forgets the pods bound to it. */
  removeNode(name: string): void {
    const info = this.byName.get(name);
    if (!info) return;
    for (const p of [...info.pods]) this.removePod(p.pod);
    this.countImages(info, -1);
    this.nodes.splice(info.index, 1);
    this.nodes.forEach((n, i) => (n.index = i));
    this.byName.delete(name);
    this.affinityNodes.delete(info);
    this.antiAffinityNodes.delete(info);
    this.matchIndex.invalidate();
    this.topology.invalidate();
    this.nameRank = undefined;
  }

  private countImages(info: NodeInfo, delta: 1 | -1): void {
    if (info.preferNoScheduleTaints.length) this.preferNoScheduleNodes += delta;
    if (info.unschedulable) this.unschedulableNodes += delta;
    for (const image of info.images.keys()) this.imageNodeCounts.set(image, (this.imageNodeCounts.get(image) ?? 0) + delta);
  }

  /** A pod occupying a node (bound, or assumed after a successful cycle). `nodeName` defaults to spec.nodeName. */
  addPod(pod: Pod, nodeName: string | undefined = pod.spec?.nodeName): boolean {
    const node = nodeName ? this.byName.get(nodeName) : undefined;
    if (!node) return false;
    const info = this.podInfo(pod);
    if (this.podNode.has(info.key)) this.removePod(pod);
    node.addPod(info);
    this.podNode.set(info.key, node);
    this.nominated.delete(info.key);
    if (hasAffinityTerms(info)) this.affinityNodes.add(node);
    if (info.requiredAntiAffinityTerms.length) this.antiAffinityNodes.add(node);
    this.matchIndex.podChanged(info, node, 1);
    return true;
  }

  assumePod(pod: Pod, nodeName: string): boolean {
    return this.addPod(pod, nodeName);
  }

  /** Removes a pod (by namespace/name). Returns the node it was on. */
  removePod(pod: Pod | { namespace?: string; name: string }): string | undefined {
    const key = 'metadata' in pod ? this.podInfo(pod as Pod).key : `${pod.namespace || 'default'}/${pod.name}`;
    this.nominated.delete(key);
    const node = this.podNode.get(key);
    if (!node) return undefined;
    const info = node.removePod(key);
    this.podNode.delete(key);
    if (info) {
      this.matchIndex.podChanged(info, node, -1);
      if (node.podsWithAffinity === 0) this.affinityNodes.delete(node);
      if (node.podsWithRequiredAntiAffinity === 0) this.antiAffinityNodes.delete(node);
    }
    return node.name;
  }

  nodeOfPod(pod: Pod): string | undefined {
    return this.podNode.get(this.podInfo(pod).key)?.name;
  }

  /** Pods nominated to a node by preemption reserve room there for pods of lower or equal priority. */
  nominatedNodeOf(pod: Pod): string | undefined {
    return this.nominated.get(this.podInfo(pod).key)?.node;
  }

  /** What plugins read about the cluster in a cycle (also lets tests run one plugin in isolation). */
  cycleContext(lookups: SchedulerLookups = {}): CycleContext {
    return {
      lookups,
      allNodes: this.nodes,
      nodesWithAffinityPods: () => this.affinityNodes,
      nodesWithRequiredAntiAffinityPods: () => this.antiAffinityNodes,
      nodesWithPreferNoScheduleTaints: () => this.preferNoScheduleNodes,
      unschedulableNodes: () => this.unschedulableNodes,
      nodesWithImage: (image) => this.imageNodeCounts.get(image) ?? 0,
      matchCounts: (ns, selector) => this.matchIndex.get(ns, selector),
      topologyDomains: (key) => this.topology.domains(key),
      nodeMask: (key, matches) => this.topology.nodeMask(key, matches),
    };
  }

  // --- scheduling cycle ---

  private scratchOfLength(n: number): number[] {
    let a = this.scratch.get(n);
    if (!a) {
      if (this.scratch.size >= 16) this.scratch.clear();
      a = new Array<number>(n).fill(0);
      this.scratch.set(n, a);
    }
    return a;
  }

  private nameRanks(): Int32Array {
    if (!this.nameRank) {
      const nodes = this.nodes;
      const order = nodes.map((_, i) => i).sort((a, b) => (nodes[a].name < nodes[b].name ? -1 : nodes[a].name > nodes[b].name ? 1 : 0));
      const rank = new Int32Array(nodes.length);
      for (let k = 0; k < order.length; k++) rank[nodes[order[k]].index] = k;
      this.nameRank = rank;
    }
    return this.nameRank;
  }

  /** Nodes holding nominated pods that runFilters would count for `pod` (undefined: none). */
  private nominatedNodesFor(pod: PodInfo): Set<string> | undefined {
    if (this.nominated.size === 0) return undefined;
    let out: Set<string> | undefined;
    for (const n of this.nominated.values()) {
      if (n.pod.key !== pod.key && n.pod.priority >= pod.priority) (out ??= new Set()).add(n.node);
    }
    return out;
  }

  /** Runs the filters on one node (first failing plugin wins), with higher-or-equal priority nominated pods counted. */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo, ctx: CycleContext, filters: readonly Plugin[]): Status | undefined {
    let target = node;
    if (this.nominated.size) {
      for (const n of this.nominated.values()) {
        if (n.node === node.name && n.pod.key !== pod.key && n.pod.priority >= pod.priority) {
          if (target === node) target = node.clone();
          target.addPod(n.pod);
        }
      }
    }
    for (const f of filters) {
      const s = f.filter!(state, pod, target, ctx);
      if (s) return s;
    }
    return undefined;
  }

  /** One scheduling cycle. `explain` adds every feasible node's per-plugin scores to the result. */
  schedulePod(pod: Pod, lookups: SchedulerLookups = {}, opts: { explain?: boolean } = {}): ScheduleResult {
    const info = this.podInfo(pod);
    const plugins = this.plugins;
    for (const p of plugins.preEnqueue) {
      const gated = p.preEnqueue!(info);
      if (gated) return { failure: { message: gated, reason: 'SchedulingGated', nodes: [] } };
    }
    const ctx = this.cycleContext(lookups);
    const all = this.nodes;
    if (all.length === 0) return { failure: { message: 'no nodes available to schedule pods', reason: 'SchedulerError', nodes: [] } };
    const state: CycleState = new Map();

    // PreFilter
    const skipped = new Set<Plugin>();
    let allowed: Set<string> | undefined;
    const narrowedBy: string[] = [];
    for (const p of plugins.preFilter) {
      const r = p.preFilter?.(state, info, ctx);
      if (r === 'skip') skipped.add(p);
      else if (r && 'code' in r) {
        const nodes = all.map((n) => ({ node: n.name, plugin: r.plugin, code: r.code, reasons: r.reasons }));
        const preFilterMsg = r.reasons.join(', ');
        return this.fail(info, state, ctx, [], nodes, { preFilterMsg, preFilter: { plugin: r.plugin, reasons: r.reasons } });
      } else if (r && r.nodeNames) {
        allowed = allowed ? new Set([...allowed].filter((n) => r.nodeNames!.has(n))) : new Set(r.nodeNames);
        narrowedBy.push(p.name);
      }
    }
    // Filters that cannot reject in this cluster state are left out (same result, less work).
    const filters = plugins.filter.filter((p) => !skipped.has(p) && (p.filterRelevant === undefined || p.filterRelevant(info, ctx)));
    const failures: NodeFailure[] = [];
    let candidates: readonly NodeInfo[] = all;
    if (allowed) {
      const reason = `node(s) didn't satisfy plugin(s) [${narrowedBy.sort().join(' ')}]`;
      candidates = all.filter((n) => allowed!.has(n.name));
      for (const n of all) if (!allowed.has(n.name)) failures.push({ node: n.name, plugin: narrowedBy[0], code: 'UnschedulableAndUnresolvable', reasons: [reason] });
    }

    // Filter, starting where the previous cycle stopped, until enough feasible nodes are found.
    // The success path only needs pass/fail; per-node statuses (and their messages) are
    // rebuilt below by re-running the same filters only when no node is feasible.
    const toFind = numFeasibleNodesToFind(candidates.length, this.percentageOfNodesToScore);
    const feasible: NodeInfo[] = [];
    let processed = 0;
    const numCandidates = candidates.length;
    const start = numCandidates ? this.nextStartNodeIndex % numCandidates : 0;
    // A node is feasible when every filter passes, so the order of the checks does not
    // change the verdict: filters declaring a shortcut (types.ts FilterShortcut) are
    // inlined as plain number and mask reads (falling back to the plugin when the
    // shortcut cannot decide), the rest are called.
    const plan = filterPlan(filters);
    const affinityMask = plan.maskKey !== undefined ? (state.get(plan.maskKey) as Uint8Array | undefined) : undefined;
    const maskPlugin = affinityMask !== undefined ? plan.maskPlugin : undefined;
    const checkTaints = plan.taintPlugin !== undefined;
    const checkFit = plan.roomPlugin !== undefined;
    const taintPasses = plan.taintPlugin ? passFunction(plan.taintPlugin) : alwaysPasses;
    const fitPasses = plan.roomPlugin ? passFunction(plan.roomPlugin) : alwaysPasses;
    const passes = filters.filter((p) => p !== plan.taintPlugin && p !== plan.roomPlugin && p !== maskPlugin).map(passFunction);
    const numPasses = passes.length;
    const podCpu = info.cpu;
    const podMemory = info.memory;
    const podEphemeral = info.ephemeralStorage;
    const noScalars = info.scalars.length === 0;
    const nominatedHere = this.nominatedNodesFor(info);
    for (let i = 0; i < numCandidates && feasible.length < toFind; i++) {
      let at = start + i;
      if (at >= numCandidates) at -= numCandidates;
      const node = candidates[at];
      processed++;
      let ok = true;
      if (nominatedHere !== undefined && nominatedHere.has(node.name)) ok = this.runFilters(state, info, node, ctx, filters) === undefined;
      else if (affinityMask !== undefined && affinityMask[node.index] === 0) ok = false;
      else if (checkTaints && node.filterTaintCount !== 0 && !taintPasses(state, info, node, ctx)) ok = false;
      else if (
        checkFit &&
        !(
          node.podCount + 1 <= node.allocPods &&
          noScalars &&
          (podCpu === 0 || podCpu <= node.allocCpu - node.reqCpu) &&
          (podMemory === 0 || podMemory <= node.allocMemory - node.reqMemory) &&
          (podEphemeral === 0 || podEphemeral <= node.allocEphemeral - node.reqEphemeral)
        ) &&
        !fitPasses(state, info, node, ctx)
      )
        ok = false;
      else for (let f = 0; f < numPasses; f++) if (!passes[f](state, info, node, ctx)) { ok = false; break; }
      if (ok) feasible.push(node);
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % all.length;

    if (feasible.length === 0) {
      // Every candidate was processed and rejected: collect the statuses in the same order.
      for (let i = 0; i < numCandidates; i++) {
        const node = candidates[(start + i) % numCandidates];
        const s = this.runFilters(state, info, node, ctx, filters);
        if (s) failures.push({ node: node.name, plugin: s.plugin, code: s.code, reasons: s.reasons, taint: s.taint, missingNodeLabels: s.missingNodeLabels });
      }
      return this.fail(info, state, ctx, filters, failures, {});
    }
    if (feasible.length === 1) return { node: feasible[0].name, scores: [], feasibleNodes: 1, evaluatedNodes: processed };

    // PreScore, Score, NormalizeScore, weights: one batch loop per plugin over the feasible nodes.
    const n = feasible.length;
    // Scratch buffers are reused across cycles (explain keeps per-plugin copies).
    if (this.totals.length < n) this.totals = new Float64Array(Math.max(n, this.totals.length * 2));
    const totals = this.totals;
    totals.fill(0, 0, n);
    const scratch = opts.explain ? undefined : this.scratchOfLength(n);
    const perPlugin: Array<[string, number[]]> = [];
    const MAX = MAX_NODE_SCORE;
    const scorePlugins = plugins.score;
    for (let k = 0; k < scorePlugins.length; k++) {
      const p = scorePlugins[k].plugin;
      const weight = scorePlugins[k].weight;
      const pre = p.preScore ? p.preScore(state, info, feasible, ctx) : undefined;
      if (pre === 'skip') continue;
      if (pre) {
        // The same amount for every node: totals are exact integers, so leaving it out
        // cannot change which node wins; it only shows when scores are explained.
        if (opts.explain) {
          const s = pre.uniform * weight;
          for (let i = 0; i < n; i++) totals[i] += s;
          perPlugin.push([p.name, new Array<number>(n).fill(s)]);
        }
        continue;
      }
      const scores = scratch ?? new Array<number>(n).fill(0);
      if (p.scoreAll) p.scoreAll(state, info, feasible, ctx, scores);
      else for (let i = 0; i < n; i++) scores[i] = p.score!(state, info, feasible[i], ctx);
      p.normalizeScore?.(state, info, feasible, scores, ctx);
      for (let i = 0; i < n; i++) {
        const raw = scores[i];
        const s = (raw < 0 ? 0 : raw > MAX ? MAX : raw) * weight;
        scores[i] = s;
        totals[i] += s;
      }
      if (opts.explain) perPlugin.push([p.name, scores]);
    }
    // Highest total; ties go to the smallest name (compared through the precomputed name ranks).
    const rank = this.nameRanks();
    let best = 0;
    let bestTotal = totals[0];
    let bestRank = rank[feasible[0].index];
    for (let i = 1; i < n; i++) {
      const t = totals[i];
      if (t < bestTotal) continue;
      const r = rank[feasible[i].index];
      if (t > bestTotal || (t === bestTotal && r < bestRank)) {
        best = i;
        bestTotal = t;
        bestRank = r;
      }
    }
    const scores: NodeScore[] = opts.explain ? feasible.map((n, i) => ({ node: n.name, total: totals[i], plugins: Object.fromEntries(perPlugin.map(([name, s]) => [name, s[i]])) })) : [];
    return { node: feasible[best].name, scores, feasibleNodes: feasible.length, evaluatedNodes: processed };
  }

  /** Builds the FitError, running the PostFilter plugins in order until one nominates a node. */
  private fail(
    pod: PodInfo,
    state: CycleState,
    ctx: CycleContext,
    filters: readonly Plugin[],
    nodes: NodeFailure[],
    extra: { preFilterMsg?: string; preFilter?: SchedulingFailure['preFilter'] },
  ): ScheduleResult {
    const env = {
      allNodes: this.nodes,
      lookups: ctx.lookups,
      // With a PreFilter rejection no node can be helped by preemption.
      canDryRun: extra.preFilterMsg === undefined,
      runFilters: (node: NodeInfo) => this.runFilters(state, pod, node, ctx, filters),
    };
    // As RunPostFilterPlugins: the first plugin that nominates a node ends the chain
    // (and the message); otherwise every plugin's reasons are joined with ", ".
    const reasons: string[] = [];
    let nominatedNode: string | undefined;
    let preemption: PreemptionOutcome | undefined;
    for (const p of this.plugins.postFilter) {
      const r = p.postFilter!(pod, nodes, env);
      if (r.details !== undefined) preemption = r.details as PreemptionOutcome;
      if (r.nominatedNode) {
        nominatedNode = r.nominatedNode;
        break;
      }
      reasons.push(...r.reasons);
    }
    const postFilterMsg = nominatedNode ? '' : reasons.join(', ');
    if (nominatedNode) this.nominated.set(pod.key, { pod, node: nominatedNode });
    const message = fitErrorMessage(this.nodes.length, { preFilterMsg: extra.preFilterMsg, histogram: reasonHistogram(nodes), postFilterMsg });
    return { failure: { message, reason: 'Unschedulable', nodes, preFilter: extra.preFilter, preemption: preemption && (preemption.nominatedNode || preemption.message) ? preemption : undefined } };
  }
}
