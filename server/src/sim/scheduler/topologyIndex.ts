// Per-node lookup tables shared by all scheduling cycles until the node set or a
// node's labels change: topology values interned as small integers (so hot loops
// index typed arrays instead of hashing label strings), and "does node i pass
// this required node affinity" masks for pods with the same affinity.

import type { NodeInfo } from './nodeinfo';

export interface TopologyDomains {
  /** Domain id of each node by NodeInfo.index; -1 when the node lacks the label. */
  ids: Int32Array;
  /** Domain value by id. */
  values: string[];
  /** Domain id by value. */
  idOf: Map<string, number>;
}

/** Masks kept before the cache is dropped (pods pinned to single nodes make many distinct ones). */
const MAX_MASKS = 512;

export class TopologyIndex {
  private byKey = new Map<string, TopologyDomains>();
  private masks = new Map<string, Uint8Array>();

  constructor(private readonly nodes: () => readonly NodeInfo[]) {}

  domains(topologyKey: string): TopologyDomains {
    let d = this.byKey.get(topologyKey);
    if (!d) {
      const all = this.nodes();
      const ids = new Int32Array(all.length);
      const values: string[] = [];
      const idOf = new Map<string, number>();
      for (let i = 0; i < all.length; i++) {
        const n = all[i];
        const v = n.labels[topologyKey];
        if (v === undefined) {
          ids[n.index] = -1;
          continue;
        }
        let id = idOf.get(v);
        if (id === undefined) {
          id = values.length;
          values.push(v);
          idOf.set(v, id);
        }
        ids[n.index] = id;
      }
      d = { ids, values, idOf };
      this.byKey.set(topologyKey, d);
    }
    return d;
  }

  /** 1 where `matches(node)` by NodeInfo.index; `key` must identify the predicate. */
  nodeMask(key: string, matches: (node: NodeInfo) => boolean): Uint8Array {
    let m = this.masks.get(key);
    if (!m) {
      if (this.masks.size >= MAX_MASKS) this.masks.clear();
      const all = this.nodes();
      m = new Uint8Array(all.length);
      for (let i = 0; i < all.length; i++) m[all[i].index] = matches(all[i]) ? 1 : 0;
      this.masks.set(key, m);
    }
    return m;
  }

  /** Nodes added, removed or relabelled. */
  invalidate(): void {
    this.byKey.clear();
    this.masks.clear();
  }
}
