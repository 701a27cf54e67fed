// Hover on a workload's `spec.replicas`: where the simulated pods land and,
// for the Pending ones, kube-scheduler's message.

import type { SimulationResult } from '../../sim/report';
import type { HoverRequest, HoverSection } from '../hover';
import { bullets, code, entryAt, plural, title } from './context';
import { explainSimulation } from './simulation';

const REPLICATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

type PodRow = SimulationResult['pods'][number];

export function replicasExplanation(req: HoverRequest): HoverSection | undefined {
  const r = req.resource;
  if (!r || !REPLICATED.has(r.kind) || req.resourcePath.length !== 2 || req.resourcePath[0] !== 'spec' || req.resourcePath[1] !== 'replicas') return undefined;
  const entry = entryAt(req);
  if (!entry || !entry.name) return undefined;
  const sim = explainSimulation(req.ctx);
  const head = `**Simulated placement** of ${title(entry)}`;
  if (!sim.ok) return { markdown: `${head}: ${sim.message}` };
  const ns = entry.namespace ?? 'default';
  const pods = sim.result.pods.filter((p) => p.namespace === ns && p.workload?.kind === entry.kind && p.workload.name === entry.name);
  const rejected = sim.result.rejected.find((x) => x.kind === entry.kind && (x.namespace ?? 'default') === ns && x.name === entry.name);
  const lines: string[] = [];
  if (rejected) lines.push(rejected.message.includes("simulator's limit") ? `${head}: ${rejected.message}.` : `${head}: the API server rejects it — ${rejected.message}`);
  else if (pods.length === 0) {
    const warning = sim.result.warnings.find((w) => w.message.includes(`${entry.kind} ${entry.name}`))?.message ?? failedCreate(sim.result, entry.kind, ns, entry.name);
    lines.push(`${head}: no pods${warning ? ` — ${warning}` : ''}.`);
  } else lines.push(...placement(head, pods));
  const simulated = sim.result.workloads.find((w) => w.kind === entry.kind && w.namespace === ns && w.name === entry.name);
  if (simulated?.source && simulated.source.file !== req.file.uri) {
    lines.push(`_${title(entry)} is defined more than once; the simulation used the definition in ${simulated.source.file.split('/').pop()}:${simulated.source.line}._`);
  }
  if (sim.note) lines.push(`_${sim.note}_`);
  return { markdown: lines.join('\n\n') };
}

function placement(head: string, pods: PodRow[]): string[] {
  const byNode = new Map<string, number>();
  const pending: PodRow[] = [];
  let other = 0;
  for (const p of pods) {
    if (p.node) byNode.set(p.node, (byNode.get(p.node) ?? 0) + 1);
    else if (p.phase === 'Pending') pending.push(p);
    else other++;
  }
  const placed = pods.length - pending.length - other;
  const out = [`${head}: ${plural(pods.length, 'pod')}, ${placed} scheduled, **${pending.length} Pending**.`];
  if (byNode.size > 0) {
    const nodes = [...byNode.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    out.push(`Nodes: ${nodes.slice(0, 20).map(([n, c]) => `${code(n)} ×${c}`).join(', ')}${nodes.length > 20 ? `, … ${nodes.length - 20} more` : ''}`);
  }
  if (pending.length > 0) {
    // Replicas of one template usually fail for the same reason: one line per distinct message.
    const byMessage = new Map<string, PodRow[]>();
    for (const p of pending) {
      const m = p.message ?? p.reason ?? 'not scheduled';
      const l = byMessage.get(m);
      if (l) l.push(p);
      else byMessage.set(m, [p]);
    }
    out.push(`Pending (kube-scheduler):\n\n${bullets([...byMessage.entries()].map(([m, ps]) => `${ps.length === 1 ? code(ps[0].name) : plural(ps.length, 'pod')}: ${m}`), 5)}`);
  }
  return out;
}

/** The last warning event of the workload or the ReplicaSets it owns (pods the API server refused to create). */
function failedCreate(result: SimulationResult, kind: string, ns: string, name: string): string | undefined {
  const own = `${kind.toLowerCase()}/${name}`;
  const rs = `replicaset/${name}-`;
  const events = result.events.filter((e) => e.type === 'Warning' && (e.namespace ?? 'default') === ns && (e.object === own || (kind === 'Deployment' && e.object.startsWith(rs))));
  return events.length ? `${events[events.length - 1].reason}: ${events[events.length - 1].message}` : undefined;
}
