// Garbage collector: objects whose controller owner no longer exists are
// deleted (background cascading deletion), repeatedly until nothing dangles.

import { deleteObject, type SimState } from '../state';

export function collectGarbage(state: SimState): boolean {
  let changed = false;
  for (;;) {
    const uids = new Set<string>();
    for (const o of state.objects.values()) if (o.metadata.uid) uids.add(o.metadata.uid);
    const orphans = [...state.objects.values()].filter((o) => {
      const refs = o.metadata.ownerReferences;
      return Array.isArray(refs) && refs.length > 0 && refs.every((r) => !uids.has(r.uid));
    });
    if (orphans.length === 0) return changed;
    for (const o of orphans) deleteObject(state, o);
    changed = true;
  }
}
