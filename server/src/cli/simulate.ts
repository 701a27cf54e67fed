// `drydock simulate`: runs the cluster simulation over manifest files and
// prints a report (text) or one JSON object (--json). Exit 0 when the
// simulation ran (pending pods are results), 2 on unusable input.

import { statSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../features/context';
import { defaultScheduler } from '../sim/defaultScheduler';
import { simulate, SimulationInputError } from '../sim/engine';
import type { SimulationResult } from '../sim/report';
import type { SourceRef } from '../sim/types';
import { loadPaths, parseArgs } from './load';
import { displayPath, KUSTOMIZE_FLAGS, renderKustomizationPaths } from './kustomize';
import { sourceOfRendered } from '../features/simulate';
import { Workspace } from '../model/workspace';

const CPU = (m: number) => (m % 1000 === 0 ? `${m / 1000}` : `${m}m`);
/** `used/total` CPU in one unit: cores when both are whole (`3/4`), else millicores (`1000m/3800m`). */
const CPU_PAIR = (used: number, total: number) => (used % 1000 === 0 && total % 1000 === 0 ? `${CPU(used)}/${CPU(total)}` : `${used}m/${total}m`);
const MEM = (b: number) => {
  for (const [s, f] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) if (b >= f) return `${Number((b / f).toFixed(1))}${s}`;
  return `${b}`;
};
const pct = (a: number, b: number) => (b > 0 ? `${Math.round((a * 100) / b)}%` : '-');

function usage(message: string): number {
  process.stderr.write(`drydock simulate: ${message}\n`);
  return 2;
}

function numberFlag(flags: Map<string, string | true>, name: string): number | undefined | string {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  if (v === true || !/^\d+$/.test(v)) return `--${name} needs a whole number (got ${v === true ? 'nothing' : JSON.stringify(v)})`;
  return Number(v);
}

export async function runSimulate(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['json', 'no-kustomize']);
  const known = new Set(['json', 'baseline', 'nodes', 'node-cpu', 'node-memory', 'node-pods', 'max-pods', ...KUSTOMIZE_FLAGS]);
  for (const f of flags.keys()) if (!known.has(f)) return usage(`unknown option --${f}`);
  for (const p of positional) {
    try {
      statSync(p);
    } catch {
      return usage(`${p}: no such file or directory`);
    }
  }
  const cluster = { ...DEFAULT_SETTINGS.simulation };
  const nodes = numberFlag(flags, 'nodes');
  if (typeof nodes === 'string') return usage(nodes);
  if (nodes !== undefined) cluster.nodes = nodes;
  const nodePods = numberFlag(flags, 'node-pods');
  if (typeof nodePods === 'string') return usage(nodePods);
  if (nodePods !== undefined) cluster.nodePods = nodePods;
  const maxPods = numberFlag(flags, 'max-pods');
  if (typeof maxPods === 'string') return usage(maxPods);
  for (const [flag, key] of [['node-cpu', 'nodeCpu'], ['node-memory', 'nodeMemory']] as const) {
    const v = flags.get(flag);
    if (v === true) return usage(`--${flag} needs a quantity`);
    if (typeof v === 'string') cluster[key] = v;
  }
  // A kustomization directory is rendered first (`drydock simulate overlays/prod`).
  const kustomized = await renderKustomizationPaths(positional, flags);
  if (typeof kustomized === 'string') return usage(kustomized);
  const { rendered } = kustomized;
  const loaded = rendered.length > 0 && kustomized.rest.length === 0 ? { workspace: new Workspace(), paths: new Map<string, string>(), unreadable: [] } : loadPaths(kustomized.rest);
  for (const r of rendered) loaded.workspace.set(r.uri, r.text);
  if (loaded.paths.size === 0 && rendered.length === 0) return usage(`no manifest files (*.yaml, *.yml) found in ${positional.length ? positional.join(', ') : '.'}`);
  const baselineFlag = flags.get('baseline');
  if (baselineFlag === true) return usage('--baseline needs a path');
  let baseline: ReturnType<typeof loadPaths> | undefined;
  if (typeof baselineFlag === 'string') {
    try {
      statSync(baselineFlag);
    } catch {
      return usage(`--baseline ${baselineFlag}: no such file or directory`);
    }
    baseline = loadPaths([baselineFlag]);
  }
  const files = new Map([...(baseline?.paths ?? []), ...loaded.paths]);
  const fmt = (ref: SourceRef) => {
    const s = rendered.reduce((r, overlay) => sourceOfRendered(overlay, r), ref);
    return { file: files.get(s.uri) ?? displayPath(s.uri), line: s.line + 1 };
  };
  let result: SimulationResult;
  try {
    const sim = simulate(loaded.workspace, { cluster, scheduler: defaultScheduler, maxPods }, baseline?.workspace);
    if (sim.inputs.length === 0) return usage(`no Kubernetes objects found in ${positional.length ? positional.join(', ') : '.'}`);
    result = sim.result(fmt);
  } catch (e) {
    if (e instanceof SimulationInputError) return usage(e.message);
    throw e;
  }
  if (flags.has('json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(textReport(result));
  return 0;
}

export function textReport(r: SimulationResult): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(`Simulated ${s.nodes} node(s): ${s.pods} pod(s), ${s.running} running, ${s.pending} pending${s.succeeded ? `, ${s.succeeded} succeeded` : ''}; ${s.rejected} object(s) rejected.`);
  out.push('', 'NODES');
  for (const n of r.nodes) {
    const flags = [!n.ready && 'NotReady', n.unschedulable && 'SchedulingDisabled'].filter(Boolean).join(',');
    out.push(
      `  ${n.name}${n.zone ? ` (${n.zone})` : ''}${flags ? ` [${flags}]` : ''}: cpu ${CPU_PAIR(n.requested.cpu, n.allocatable.cpu)} (${pct(n.requested.cpu, n.allocatable.cpu)}), ` +
        `memory ${MEM(n.requested.memory)}/${MEM(n.allocatable.memory)} (${pct(n.requested.memory, n.allocatable.memory)}), pods ${n.pods.length}/${n.allocatable.pods}`,
    );
    for (const p of n.pods) out.push(`    ${p}`);
  }
  const pending = r.pods.filter((p) => p.phase === 'Pending');
  if (pending.length) {
    out.push('', 'PENDING PODS');
    for (const p of pending.slice(0, 200)) out.push(`  ${p.namespace}/${p.name}${p.source ? ` (${p.source.file}:${p.source.line})` : ''}: ${p.reason ?? 'Pending'}${p.message ? `: ${p.message}` : ''}`);
    if (pending.length > 200) out.push(`  ... and ${pending.length - 200} more`);
  }
  if (r.services.length) {
    out.push('', 'SERVICES');
    for (const svc of r.services) {
      const ports = svc.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',');
      const ready = svc.endpoints.filter((e) => e.ready);
      const eps = ready.length ? ready.map((e) => `${e.ip}${e.port !== null ? `:${e.port}` : ''}`).join(', ') : '<none>';
      out.push(`  ${svc.namespace}/${svc.name} ${svc.type} ${svc.clusterIP ?? ''} ${ports} -> ${eps}`);
    }
  }
  if (r.persistentVolumeClaims.length) {
    out.push('', 'PERSISTENT VOLUME CLAIMS');
    for (const c of r.persistentVolumeClaims) out.push(`  ${c.namespace}/${c.name}: ${c.phase}${c.volume ? ` -> ${c.volume}` : ''}${c.storageClass ? ` (class ${c.storageClass})` : ''}`);
  }
  if (r.cronJobs.length) {
    out.push('', 'CRONJOBS');
    for (const c of r.cronJobs) out.push(`  ${c.namespace}/${c.name} "${c.schedule}": ${c.error ? `error: ${c.error}` : `next ${c.nextScheduleTimes.join(', ')}`}`);
  }
  if (r.changes.length) {
    out.push('', 'CHANGES (baseline -> current)');
    for (const c of r.changes) out.push(`  ${c.change.padEnd(8)} ${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`);
  }
  if (r.rollouts.length) {
    out.push('', 'ROLLOUTS');
    for (const ro of r.rollouts) {
      out.push(`  ${ro.namespace}/${ro.name} (${ro.strategy}${ro.strategy === 'RollingUpdate' ? `, maxSurge ${ro.maxSurge}, maxUnavailable ${ro.maxUnavailable}` : ''}):`);
      ro.steps.forEach((st, i) => out.push(`    step ${i}: new ${st.newReplicas}, old ${st.oldReplicas}`));
      const took = ro.complete && typeof ro.durationSeconds === 'number' && ro.durationSeconds > 0 ? ` after ${ro.durationSeconds}s simulated${ro.minReadySeconds ? ` (minReadySeconds ${ro.minReadySeconds})` : ''}` : '';
      out.push(`    ${ro.complete ? `complete${took}` : `NOT complete: ${ro.stalled ?? 'stalled'}`}`);
    }
  }
  if (r.rejected.length) {
    out.push('', 'REJECTED');
    for (const x of r.rejected) out.push(`  ${x.source ? `${x.source.file}:${x.source.line}: ` : ''}${x.kind} ${x.namespace ? `${x.namespace}/` : ''}${x.name}: ${x.message}`);
  }
  const warnings = r.events.filter((e) => e.type === 'Warning' && e.reason !== 'FailedScheduling');
  if (warnings.length || r.warnings.length) {
    out.push('', 'WARNINGS');
    for (const w of r.warnings) out.push(`  ${w.message}`);
    for (const e of warnings.slice(0, 100)) out.push(`  ${e.namespace ? `${e.namespace} ` : ''}${e.object}: ${e.reason}: ${e.message}`);
  }
  return out.join('\n') + '\n';
}
