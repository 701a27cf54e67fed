// ReplicationController: the ReplicaSet controller with a map selector (upstream
// runs the same code for both).

import type { SimState } from '../state';
import { syncReplicaSets } from './replicaset';

export function syncReplicationControllers(state: SimState): boolean {
  return syncReplicaSets(state, 'ReplicationController');
}
