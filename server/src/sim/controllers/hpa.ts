// HorizontalPodAutoscaler: without metrics the simulator keeps the target's
// replicas but clamps them into [minReplicas, maxReplicas], as the controller
// does before any metric is read.

import { getObject, listObjects, recordEvent, type SimState } from '../state';
import { isScalable } from '../types';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export function syncHorizontalPodAutoscalers(state: SimState): boolean {
  let changed = false;
  for (const hpa of listObjects(state, 'HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef;
    if (!ref || !SCALABLE.has(ref.kind)) continue;
    const found = getObject(state, ref.kind, hpa.metadata.namespace, ref.name);
    const target = isScalable(found) ? found : undefined;
    if (!target) {
      if (!hpa.status?.conditions) {
        hpa.status = { conditions: [{ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale' }] };
        recordEvent(state, hpa, 'Warning', 'FailedGetScale', `${ref.kind.toLowerCase()}s.apps ${JSON.stringify(ref.name)} not found`);
      }
      continue;
    }
    const current: number = typeof target.spec?.replicas === 'number' ? target.spec.replicas : 1;
    const min: number = typeof hpa.spec.minReplicas === 'number' ? hpa.spec.minReplicas : 1;
    const max: number = hpa.spec.maxReplicas;
    const desired = Math.max(min, Math.min(max, current));
    if (desired !== current) {
      target.spec.replicas = desired;
      const reason = desired > current ? 'Current number of replicas below Spec.MinReplicas' : 'Current number of replicas above Spec.MaxReplicas';
      recordEvent(state, hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      changed = true;
    }
    hpa.status = { currentReplicas: current, desiredReplicas: desired };
  }
  return changed;
}
