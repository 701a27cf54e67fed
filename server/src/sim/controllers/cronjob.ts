// CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go): computes
// the next scheduled times and, in the simulation, runs the first one: a Job
// named `<cronjob>-<scheduled time in minutes since the epoch>` from
// jobTemplate. Later schedules are played only while an earlier Job of the
// CronJob is still running (so the simulation settles), up to MAX_RUNS Jobs:
// that is where `concurrencyPolicy` matters. Allow starts another Job, Forbid
// records JobAlreadyActive and starts the missed run once the running Job
// finishes (unless `startingDeadlineSeconds` has passed by then), Replace
// deletes the running Jobs first. `suspend: true` starts nothing. The first run
// starts at once; later runs follow it at the schedule's intervals.

import { applyObject } from '../apiserver';
import { parseCron } from '../cron';
import { controllerRef, deleteObject, getObject, listObjects, objectKey, recordEvent, requestWake, sourceOf, type SimState } from '../state';
import type { CronJob, Job } from '../types';

/** Jobs one CronJob may start in a simulation. */
export const MAX_RUNS = 3;

/** The next `count` scheduled times (ms) after `from`, or an error for a bad schedule. */
export function nextScheduleTimes(cj: CronJob, from: number, count = 3): number[] | { error: string } {
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

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function jobFinished(job: Job): boolean {
  return !!job.status?.conditions?.some((c: { type: string; status: string }) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** Jobs listed in `status.active` that still exist and have not finished. */
function activeJobs(state: SimState, cj: CronJob): Job[] {
  const ns = cj.metadata.namespace ?? 'default';
  const refs: Array<{ name: string }> = Array.isArray(cj.status?.active) ? cj.status.active : [];
  return refs.map((r) => getObject(state, 'Job', ns, r.name)).filter((j): j is Job => !!j && !jobFinished(j));
}

export function syncCronJobs(state: SimState): boolean {
  let changed = false;
  for (const cj of listObjects(state, 'CronJob')) if (syncOne(state, cj)) changed = true;
  return changed;
}

function syncOne(state: SimState, cj: CronJob): boolean {
  if (cj.spec?.suspend === true) return false;
  const ns = cj.metadata.namespace ?? 'default';
  const active = activeJobs(state, cj);
  let changed = false;
  const names = active.map((j) => j.metadata.name);
  const listed: string[] = Array.isArray(cj.status?.active) ? cj.status.active.map((r: { name: string }) => r.name) : [];
  if (names.join() !== listed.join()) {
    cj.status = { ...cj.status, active: active.map((j) => ({ kind: 'Job', name: j.metadata.name, namespace: ns })) };
    changed = true;
  }
  const last = cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : undefined;
  const key = objectKey(cj);
  let p = state.cronJobs.get(key);
  if (!p) state.cronJobs.set(key, (p = { runs: 0, owed: false, shift: 0 }));
  // After the first run, later schedules only matter while a Job is running (or one is owed under Forbid).
  if (last !== undefined && (p.runs >= MAX_RUNS || (active.length === 0 && !p.owed))) return changed;
  const times = nextScheduleTimes(cj, last ?? state.clock, 1);
  if (!Array.isArray(times)) {
    if (!cj.status?.scheduleError) {
      cj.status = { ...cj.status, scheduleError: times.error };
      recordEvent(state, cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${times.error}`);
      changed = true;
    }
    return changed;
  }
  if (times.length === 0) return changed;
  const scheduled = times[0];
  // The first run starts at once; later runs keep their distance from it on the simulated clock.
  if (last === undefined) p.shift = scheduled - state.clock;
  const due = scheduled - p.shift;
  if (due > state.clock) {
    requestWake(state, due);
    return changed;
  }
  const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length > 0) {
    if (!p.owed) {
      p.owed = true;
      recordEvent(state, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      changed = true;
    }
    return changed; // the running Job finishing changes state, so this is synced again then
  }
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (last !== undefined && typeof deadline === 'number' && state.clock > due + deadline * 1000) {
    // Too late to start (the Forbid wait outlasted the deadline): the run is skipped.
    cj.status = { ...cj.status, lastScheduleTime: iso(scheduled) };
    p.owed = false;
    // The time is printed as Go's time.RFC1123Z.
    recordEvent(state, cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${new Date(scheduled).toUTCString().replace(/GMT$/, '+0000')}`);
    return true;
  }
  if (policy === 'Replace') {
    for (const job of active) {
      deleteObject(state, job);
      recordEvent(state, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    }
    active.length = 0;
  }
  const name = `${cj.metadata.name}-${Math.floor(scheduled / 60000)}`;
  cj.status = { ...cj.status, lastScheduleTime: iso(scheduled) };
  p.runs++;
  p.owed = false;
  if (getObject(state, 'Job', ns, name)) return true;
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
        annotations: { ...(template.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': iso(scheduled) },
        ownerReferences: [controllerRef(cj)],
      },
      spec: template.spec ?? {},
    },
    sourceOf(state, cj),
  );
  if (res.ok) {
    recordEvent(state, cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
    cj.status.active = [...active.map((j) => ({ kind: 'Job', name: j.metadata.name, namespace: ns })), { kind: 'Job', name, namespace: ns }];
  } else recordEvent(state, cj, 'Warning', 'FailedCreate', `Error creating job: ${res.message}`);
  return true;
}
