// Incremental "how many pods in namespace N match selector S" counts, per node
// and per topology domain. PodTopologySpread and InterPodAffinity ask the same
// questions for every pod of a workload; upstream recounts all pods on all
// nodes each cycle (in parallel), which is O(pods) per cycle. We register each
// (namespace, selector) the first time it is asked about and keep its counts
// up to date as pods are added and removed, so a cycle costs O(nodes scored).

import type { Selector } from '../../k8s/selector';
import type { NodeInfo, PodInfo } from './nodeinfo';

export class MatchCounts {
  /** Matching pods per node, by NodeInfo.index. */
  perNode: Int32Array;
  private domains = new Map<string, Map<string, number>>();

  constructor(
    readonly namespace: string,
    readonly selector: Selector,
    private readonly nodes: () => readonly NodeInfo[],
  ) {
    const all = nodes();
    this.perNode = new Int32Array(Math.max(16, all.length));
    for (const n of all) {
      let c = 0;
      for (const p of n.pods) if (this.counts(p)) c++;
      this.perNode[n.index] = c;
    }
  }

  /** countPodsMatchSelector semantics: same namespace, not terminating, selector matches (an empty selector counts nothing). */
  counts(p: PodInfo): boolean {
    return p.namespace === this.namespace && !p.pod.metadata?.deletionTimestamp && this.selector.matches(p.labels);
  }

  /** Matching pods per value of `topologyKey`, over all nodes carrying the label (domains with 0 included). */
  domainCounts(topologyKey: string): Map<string, number> {
    let m = this.domains.get(topologyKey);
    if (!m) {
      m = new Map();
      for (const n of this.nodes()) {
        const v = n.labels[topologyKey];
        if (v === undefined) continue;
        m.set(v, (m.get(v) ?? 0) + this.perNode[n.index]);
      }
      this.domains.set(topologyKey, m);
    }
    return m;
  }

  podChanged(p: PodInfo, node: NodeInfo, delta: 1 | -1): void {
    if (!this.counts(p)) return;
    if (node.index >= this.perNode.length) this.grow(node.index + 1);
    this.perNode[node.index] += delta;
    for (const [key, m] of this.domains) {
      const v = node.labels[key];
      if (v !== undefined) m.set(v, (m.get(v) ?? 0) + delta);
    }
  }

  private grow(min: number): void {
    const next = new Int32Array(Math.max(min, this.perNode.length * 2));
    next.set(this.perNode);
    this.perNode = next;
  }
}

export class MatchIndex {
  private byNamespace = new Map<string, Map<string, MatchCounts>>();

  constructor(private readonly nodes: () => readonly NodeInfo[]) {}

  get(namespace: string, selector: Selector): MatchCounts {
    let ns = this.byNamespace.get(namespace);
    if (!ns) this.byNamespace.set(namespace, (ns = new Map<string, MatchCounts>()));
    const key = selector.nothing ? '\0nothing' : selector.toString();
    let mc = ns.get(key);
    if (!mc) ns.set(key, (mc = new MatchCounts(namespace, selector, this.nodes)));
    return mc;
  }

  podChanged(p: PodInfo, node: NodeInfo, delta: 1 | -1): void {
    const ns = this.byNamespace.get(p.namespace);
    if (!ns) return;
    for (const mc of ns.values()) mc.podChanged(p, node, delta);
  }

  /** Node set or labels changed: counts are rebuilt on next use. */
  invalidate(): void {
    this.byNamespace.clear();
  }
}
