// Job controller (pkg/controller/job): keeps up to `parallelism` pods active
// until `completions` pods have succeeded (or, without completions, until one
// succeeds). Pods succeed after a simulated run time (see kubelet.ts). Indexed
// Jobs name pods `<job>-<index>-<5 chars>`.

import { generateName } from '../names';
import { listObjects, nextCounter, recordEvent, type SimState } from '../state';
import type { Job, Pod } from '../types';
import { createPod, indexPodsByOwner, isActive, ownedPods, podBudget } from './common';

export function syncJobs(state: SimState): boolean {
  let changed = false;
  const byOwner = indexPodsByOwner(state);
  for (const job of listObjects(state, 'Job')) if (syncOne(state, job, byOwner)) changed = true;
  return changed;
}

function jobLabels(job: Job): Record<string, string> {
  return {
    'batch.kubernetes.io/controller-uid': job.metadata.uid!,
    'batch.kubernetes.io/job-name': job.metadata.name,
    'controller-uid': job.metadata.uid!,
    'job-name': job.metadata.name,
  };
}

function syncOne(state: SimState, job: Job, byOwner: Map<string, Pod[]>): boolean {
  const spec = job.spec;
  if (job.status?.completionTime || job.status?.conditions?.some((c: { type: string }) => c.type === 'Failed')) return false;
  // The API server generates the selector and labels the template (manualSelector false).
  if (!spec.manualSelector && !spec.selector) {
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid ?? '' } };
    spec.template.metadata = { ...(spec.template.metadata ?? {}), labels: { ...(spec.template.metadata?.labels ?? {}), ...jobLabels(job) } };
  }
  const pods = ownedPods(state, job, byOwner);
  const active = pods.filter(isActive);
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded');
  const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
  const completions: number | undefined = typeof spec.completions === 'number' ? spec.completions : undefined;
  const parallelism: number = typeof spec.parallelism === 'number' ? spec.parallelism : 1;
  const prev = JSON.stringify(job.status ?? {});
  let changed = false;
  const done = completions !== undefined ? succeeded.length >= completions : succeeded.length > 0 && active.length === 0;
  if (done) {
    job.status = { ...job.status, succeeded: succeeded.length, failed, active: 0, completionTime: new Date(state.clock).toISOString().replace(/\.\d{3}Z$/, 'Z'), conditions: [{ type: 'Complete', status: 'True' }] };
    recordEvent(state, job, 'Normal', 'Completed', 'Job completed');
    return true;
  }
  if (failed > (spec.backoffLimit ?? 6)) {
    job.status = { ...job.status, failed, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] };
    recordEvent(state, job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    return true;
  }
  if (!spec.suspend) {
    const remaining = completions !== undefined ? completions - succeeded.length : succeeded.length > 0 ? 0 : parallelism;
    const want = Math.min(parallelism, remaining) - active.length;
    const n = podBudget(state, Math.max(0, want), job);
    const indexed = spec.completionMode === 'Indexed' && completions !== undefined;
    const usedIndexes = new Set([...active, ...succeeded].map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']));
    let nextIndex = 0;
    for (let i = 0; i < n; i++) {
      let index: number | undefined;
      if (indexed) {
        while (usedIndexes.has(String(nextIndex))) nextIndex++;
        if (nextIndex >= completions!) break;
        index = nextIndex++;
      }
      const seed = `${job.metadata.uid}/${nextCounter(state, `pods:${job.metadata.uid}`)}`;
      const pod = createPod(state, job, spec.template, {
        name: index === undefined ? undefined : generateName(`${job.metadata.name}-${index}-`, seed),
        labels: { ...jobLabels(job), ...(index !== undefined ? { 'batch.kubernetes.io/job-completion-index': String(index) } : {}) },
        annotations: index !== undefined ? { 'batch.kubernetes.io/job-completion-index': String(index) } : undefined,
      });
      if (!pod) break;
      recordEvent(state, job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
      changed = true;
    }
  }
  const now = ownedPods(state, job);
  job.status = {
    ...job.status,
    active: now.filter(isActive).length,
    succeeded: now.filter((p) => p.status?.phase === 'Succeeded').length,
    failed: now.filter((p) => p.status?.phase === 'Failed').length,
  };
  job.status.startTime ??= new Date(state.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return changed || JSON.stringify(job.status) !== prev;
}
