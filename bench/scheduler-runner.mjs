// Runs the scheduler engineer's `runSchedulerBench(opts)` (bench/scheduler.*)
// in a child process (TypeScript via tsx when needed) and normalises its result
// into rows of { nodes, pods, ms, podsPerSecond }.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const SCHEDULER_SIZES = [
  { nodes: 100, pods: 3_000 },
  { nodes: 1_000, pods: 30_000 },
  { nodes: 5_000, pods: 150_000 },
];

export function runScheduler(repoRoot, { quick }) {
  const candidates = ['scheduler.mjs', 'scheduler.js', 'scheduler.ts'].map((f) => join(repoRoot, 'bench', f));
  const module = candidates.find((p) => existsSync(p));
  if (!module) return { skipped: 'bench/scheduler.* (runSchedulerBench) does not exist yet' };
  const opts = { quick, sizes: SCHEDULER_SIZES };
  const args = module.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const r = spawnSync(process.execPath, [...args, join(repoRoot, 'bench/scheduler-child.mjs'), module, JSON.stringify(opts)], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 16 << 20,
  });
  if (r.status !== 0) return { skipped: `runSchedulerBench failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' / ')}` };
  const lastLine = r.stdout.trim().split('\n').pop() ?? '';
  let raw;
  try {
    raw = JSON.parse(lastLine);
  } catch {
    return { skipped: `runSchedulerBench printed no JSON result: ${lastLine.slice(0, 200)}` };
  }
  return { raw, rows: normalise(raw) };
}

const num = (o, keys) => {
  for (const k of keys) if (typeof o?.[k] === 'number') return o[k];
  return undefined;
};

/** Accepts an array of rows or an object holding one (rows/results/runs), with common field names. */
function normalise(raw) {
  const list = Array.isArray(raw) ? raw : (raw?.rows ?? raw?.results ?? raw?.runs ?? []);
  if (!Array.isArray(list)) return [];
  return list
    .map((r) => {
      const nodes = num(r, ['nodes', 'nodeCount']);
      const pods = num(r, ['pods', 'podCount', 'scheduled']);
      let ms = num(r, ['ms', 'durationMs', 'elapsedMs', 'timeMs', 'totalMs']);
      const seconds = num(r, ['seconds', 'durationSeconds']);
      if (ms === undefined && seconds !== undefined) ms = seconds * 1000;
      const podsPerSecond = num(r, ['podsPerSecond', 'throughput']) ?? (pods && ms ? (pods / ms) * 1000 : undefined);
      return { nodes, pods, ms, podsPerSecond };
    })
    .filter((r) => typeof r.nodes === 'number' && typeof r.pods === 'number' && typeof r.ms === 'number');
}
