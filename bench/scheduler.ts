// Scheduler throughput: N nodes (3 zones), pods from several Deployment-like
// workloads (owned by ReplicaSets so the default topology spread applies),
// default plugins. Run: node --import tsx bench/scheduler.ts [--pods 150000] [--nodes 100,1000,5000]
import { Scheduler } from '../server/src/sim/scheduler/framework';
import type { Node, Pod } from '../server/src/sim/types';

export interface SchedulerBenchOptions {
  nodeCounts?: number[];
  /** As passed by bench/scheduler-runner.mjs: explicit (nodes, pods) pairs. */
  sizes?: Array<{ nodes: number; pods: number }>;
  /** Smaller runs (a tenth of the pods). */
  quick?: boolean;
  /** Pods per run; defaults to 30 per node, capped at 150,000. */
  pods?: number;
  log?: (line: string) => void;
}

export interface SchedulerBenchResult {
  nodes: number;
  pods: number;
  scheduled: number;
  unschedulable: number;
  ms: number;
  /** CPU time of this process during the run (user + system): less sensitive to other load on the machine than `ms`. */
  cpuMs: number;
  podsPerSecond: number;
  heapMB: number;
}

/** Node `i` of the benchmark cluster (also the workload of test/sim/scheduler/placements.test.ts). */
export function makeNode(i: number): Node {
  const name = `node-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${i % 3}`, 'node.kubernetes.io/instance-type': i % 10 === 0 ? 'large' : 'standard' } },
    spec: i % 50 === 0 ? { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { cpu: i % 10 === 0 ? '32' : '16', memory: i % 10 === 0 ? '128Gi' : '64Gi', pods: '110' } },
  };
}

const WORKLOADS = 40;
/** Pod `i` of the benchmark workload: 40 workloads with mixed requests, priorities, selectors and tolerations. */
export function makePod(i: number): Pod {
  const w = i % WORKLOADS;
  const spec: Pod['spec'] = {
    containers: [{ name: 'app', image: `registry.example/app-${w}:1.${w}`, resources: { requests: { cpu: `${100 + (w % 5) * 100}m`, memory: `${128 * (1 + (w % 4))}Mi` } } }],
    priority: w % 7 === 0 ? 1000 : 0,
  };
  if (w % 8 === 0) spec.nodeSelector = { 'node.kubernetes.io/instance-type': 'large' };
  if (w % 13 === 0) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `app-${w}-${i}`, namespace: `ns-${w % 4}`, labels: { app: `app-${w}`, tier: w % 2 ? 'web' : 'worker' } },
    spec,
    status: { phase: 'Pending' },
  };
}

/** The ReplicaSets behind the workloads (default topology spreading selects by them). */
export function benchLookups(): { replicaSets: (ns: string) => Array<{ selector: { matchLabels: Record<string, string> } }> } {
  const replicaSets = new Map<string, Array<{ selector: { matchLabels: Record<string, string> } }>>();
  for (let w = 0; w < WORKLOADS; w++) {
    const ns = `ns-${w % 4}`;
    if (!replicaSets.has(ns)) replicaSets.set(ns, []);
    replicaSets.get(ns)!.push({ selector: { matchLabels: { app: `app-${w}` } } });
  }
  return { replicaSets: (ns: string) => replicaSets.get(ns) ?? [] };
}

export function runSchedulerBench(opts: SchedulerBenchOptions = {}): SchedulerBenchResult[] {
  const results: SchedulerBenchResult[] = [];
  const log = opts.log ?? (() => {});
  const sizes = opts.sizes ?? (opts.nodeCounts ?? [100, 1000, 5000]).map((n) => ({ nodes: n, pods: opts.pods ?? Math.min(150_000, n * 30) }));
  for (const size of sizes) {
    const n = size.nodes;
    const total = opts.quick ? Math.ceil(size.pods / 10) : size.pods;
    const s = new Scheduler();
    for (let i = 0; i < n; i++) s.addNode(makeNode(i));
    const lookups = benchLookups();
    const pods: Pod[] = [];
    for (let i = 0; i < total; i++) pods.push(makePod(i));
    let scheduled = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const p of pods) {
      const r = s.schedulePod(p, lookups);
      if (r.node !== undefined) {
        s.assumePod(p, r.node);
        scheduled++;
      }
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    // With --expose-gc the heap figure is what stays live (scheduler state plus the bench's pods), not garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const heapMB = Math.round(process.memoryUsage().heapUsed / 1048576);
    // Read after the heap figure, so the scheduler and the pods are still live when it is taken.
    const res = { nodes: s.nodeCount, pods: pods.length, scheduled, unschedulable: pods.length - scheduled, ms: Math.round(ms), cpuMs, podsPerSecond: Math.round((total / ms) * 1000), heapMB };
    log(`${n} nodes: ${total} pods (${scheduled} scheduled) in ${res.ms} ms (cpu ${cpuMs} ms) = ${res.podsPerSecond} pods/s, heap ${res.heapMB} MB`);
    results.push(res);
  }
  return results;
}

const isMain = process.argv[1] && /bench[\\/]scheduler\.ts$/.test(process.argv[1]);
if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  runSchedulerBench({
    nodeCounts: arg('--nodes')?.split(',').map(Number),
    pods: arg('--pods') ? Number(arg('--pods')) : undefined,
    log: (l) => console.log(l),
  });
}
