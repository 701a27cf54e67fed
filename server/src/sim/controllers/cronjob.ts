// CronJob controller (pkg/controller/cronjob): computes the next scheduled
// times and, in the simulation, runs the first one: a Job named
// `<cronjob>-<scheduled time in minutes since the epoch>` from jobTemplate.

import { applyObject } from '../apiserver';
import { parseCron } from '../cron';
import { controllerRef, getObject, listObjects, recordEvent, sourceOf, type SimState } from '../state';
import type { KubeObject } from '../types';

/** The next `count` scheduled times (ms) after `from`, or an error for a bad schedule. */
export function nextScheduleTimes(cj: KubeObject, from: number, count = 3): number[] | { error: string } {
  const schedule = typeof cj.spec?.schedule === 'string' ? parseCron(cj.spec.schedule) : { error: 'missing schedule' };
  if ('error' in schedule) return schedule;
  const out: number[] = [];
  let t = from;
  for (let i = 0; i < count; i++) {
    const n = schedule.next(t);
    if (n === undefined) break;
    out.push(n);
    t = n;
  }
  return out;
}

export function syncCronJobs(state: SimState): boolean {
  let changed = false;
  for (const cj of listObjects(state, 'CronJob')) {
    if (cj.spec?.suspend || cj.status?.lastScheduleTime) continue;
    const times = nextScheduleTimes(cj, state.clock, 1);
    if (!Array.isArray(times)) {
      if (!cj.status?.scheduleError) {
        cj.status = { ...cj.status, scheduleError: times.error };
        recordEvent(state, cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${times.error}`);
        changed = true;
      }
      continue;
    }
    if (times.length === 0) continue;
    const scheduled = times[0];
    const name = `${cj.metadata.name}-${Math.floor(scheduled / 60000)}`;
    const ns = cj.metadata.namespace ?? 'default';
    cj.status = { ...cj.status, lastScheduleTime: new Date(scheduled).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    changed = true;
    if (getObject(state, 'Job', ns, name)) continue;
    const template = structuredClone(cj.spec.jobTemplate ?? {});
    const res = applyObject(
      state,
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name,
          namespace: ns,
          labels: template.metadata?.labels,
          annotations: { ...(template.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': cj.status.lastScheduleTime },
          ownerReferences: [controllerRef(cj)],
        },
        spec: template.spec ?? {},
      },
      sourceOf(state, cj),
    );
    if (res.ok) {
      recordEvent(state, cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
      cj.status.active = [{ kind: 'Job', name, namespace: ns }];
    } else recordEvent(state, cj, 'Warning', 'FailedCreate', `Error creating job: ${res.message}`);
  }
  return changed;
}
